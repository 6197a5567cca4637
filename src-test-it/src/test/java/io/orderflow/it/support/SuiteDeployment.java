package io.orderflow.it.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.event.suite.AfterClass;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * OrderFlow deployed once on Arquillian's server, right after it starts, for every Arquillian test
 * class, and undeployed before it stops. A deployment per class cost each class 4 s of deploying
 * and undeploying, over a tenth of the Arquillian tests' time; the classes need no fresh
 * deployment, since each already lives with what the classes before it left in the shared database
 * and broker. A class that must see OrderFlow undeployed or deployed anew does so through {@link
 * Management} and leaves it deployed.
 *
 * <p>What one class leaves behind that would fail the classes after it, OrderFlow undeployed or an
 * effect paused, fails that class instead ({@link LeftAsFound}), and is put back: a class that
 * failed halfway through its pause and resume once left two effects paused, and thirty classes
 * after it failed, each waiting out its deadlines, for fifty minutes.
 */
public final class SuiteDeployment implements LoadableExtension {

    private static final Duration PUT_BACK_WITHIN = Duration.ofMinutes(1);

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Lifecycle.class);
        builder.observer(LeftAsFound.class);
    }

    public static final class Lifecycle {

        /** What the server holds, to undeploy; none when the deployment failed. */
        private EnterpriseArchive deployed;

        public void deploy(@Observes AfterStart started) throws DeploymentException {
            EnterpriseArchive ear = Deployments.orderFlow();
            started.getDeployableContainer().deploy(ear);
            deployed = ear;
        }

        public void undeploy(@Observes BeforeStop stopping) throws DeploymentException {
            if (deployed != null) {
                stopping.getDeployableContainer().undeploy(deployed);
            }
        }
    }

    /** After each class: OrderFlow deployed and no effect paused, or the class fails. */
    public static final class LeftAsFound {

        public void check(@Observes AfterClass finished) {
            List<String> left = new ArrayList<>();
            if (!Management.isDeployed()) {
                Management.deploy();
                left.add("OrderFlow undeployed");
            }
            List<String> paused = EffectControls.paused(Api.BASE);
            if (!paused.isEmpty()) {
                await().atMost(PUT_BACK_WITHIN)
                        .ignoreExceptions()
                        .until(LeftAsFound::noneStillPaused);
                left.add("paused " + paused);
            }
            if (!left.isEmpty()) {
                throw new AssertionError(
                        finished.getTestClass().getJavaClass().getSimpleName()
                                + " left "
                                + String.join(" and ", left)
                                + "; put back for the classes after it");
            }
        }

        /** Resumes, as an operator, each effect still paused; true once none was. */
        private static boolean noneStillPaused() {
            List<String> still = EffectControls.paused(Api.BASE);
            still.forEach(effect -> EffectControls.act(Api.BASE, effect, "resume"));
            return still.isEmpty();
        }
    }
}
