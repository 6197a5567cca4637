package io.orderflow.it.support;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.container.spi.event.container.BeforeStop;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * OrderFlow deployed once on Arquillian's server, right after it starts, for every Arquillian test
 * class, and undeployed before it stops. A deployment per class cost each class 4 s of deploying
 * and undeploying, over a tenth of the Arquillian tests' time; the classes need no fresh
 * deployment, since each already lives with what the classes before it left in the shared database
 * and broker. A class that must see OrderFlow undeployed or deployed anew does so through {@link
 * Management} and leaves it deployed.
 */
public final class SuiteDeployment implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Lifecycle.class);
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
}
