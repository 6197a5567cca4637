package io.orderflow.probes;

import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** A readiness check that reports what one of the EJB module's probes found. */
abstract class ProbeCheck implements HealthCheck {

    private final String name;
    private final Function<Probes, Probe> probe;

    ProbeCheck(String name, Function<Probes, Probe> probe) {
        this.name = name;
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name);
        Probe found;
        try {
            found = probe.apply((Probes) new InitialContext().lookup(Probes.JNDI_NAME));
        } catch (NamingException e) {
            return response.down()
                    .withData("reason", "OrderFlow's EJB module is not deployed")
                    .build();
        } catch (RuntimeException e) {
            return response.down().withData("reason", String.valueOf(e.getMessage())).build();
        }
        found.data()
                .forEach(
                        (key, value) -> {
                            if (value instanceof Boolean flag) {
                                response.withData(key, flag);
                            } else if (value instanceof Number number) {
                                response.withData(key, number.longValue());
                            } else {
                                response.withData(key, String.valueOf(value));
                            }
                        });
        return response.status(found.up()).build();
    }
}
