package io.orderflow.probes;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** See {@link Probes#database()}. */
@Readiness
@ApplicationScoped
public class DatabaseCheck extends ProbeCheck {

    public DatabaseCheck() {
        super("database", Probes::database);
    }
}
