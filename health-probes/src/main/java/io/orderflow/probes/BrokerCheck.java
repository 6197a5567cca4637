package io.orderflow.probes;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** See {@link Probes#broker()}. */
@Readiness
@ApplicationScoped
public class BrokerCheck extends ProbeCheck {

    public BrokerCheck() {
        super("broker", Probes::broker);
    }
}
