package io.orderflow.probes;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** See {@link Probes#backlog()}. */
@Readiness
@ApplicationScoped
public class BacklogCheck extends ProbeCheck {

    public BacklogCheck() {
        super("backlog", Probes::backlog);
    }
}
