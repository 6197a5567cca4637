package io.orderflow.it.ownservers;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The tests of the cluster mode's parts, one after the other in one test JVM: the standalone
 * broker, the broker pair, then the two that start a cluster (two nodes on a broker pair, four
 * servers and two brokers). Two clusters at once on this machine's two cores stretched a broker's
 * failover past what the tests allow it. Failsafe hands this suite to a test JVM as one class,
 * early, while the other runs the Arquillian tests and then the single-server tests.
 */
@Suite
@SelectClasses(
        names = {
            "io.orderflow.it.cluster.StandaloneBrokerIT",
            "io.orderflow.it.cluster.BrokerPairIT",
            "io.orderflow.it.cluster.TwoNodesIT",
            "io.orderflow.it.soak.SoakIT"
        })
class ClusterIT {}
