package io.orderflow.it;

import io.orderflow.it.support.OwnServers;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The tests that start a cluster (two nodes on a broker pair, four servers and two brokers), one
 * after the other in one test JVM: two clusters at once on this machine's two cores stretched a
 * broker's failover past what the tests allow it. Failsafe hands this suite to one test JVM as a
 * class, early, so that the other JVM takes the single-server tests meanwhile. The Arquillian
 * execution, which leaves out tests with servers of their own, finds it empty, and passes over it.
 */
@Suite(failIfNoTests = false)
@OwnServers
@SelectClasses(names = {"io.orderflow.it.cluster.TwoNodesIT", "io.orderflow.it.soak.SoakIT"})
class ClusterIT {}
