package io.orderflow.it;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Every Arquillian test (the classes of this package, not of its subpackages), as one class for
 * failsafe: one test JVM runs them all against the one server Arquillian starts and the one
 * deployment of OrderFlow on it ({@code SuiteDeployment}), while the other takes the tests with
 * servers of their own ({@code ownservers}, {@code cluster}). Run apart, each class would get an
 * Arquillian server of its own. In the order of their names: they share a server, a deployment and
 * a database that each may leave changed, and one order keeps a run repeatable. A test that starts
 * servers of its own belongs in a subpackage: here, its servers would take the Arquillian server's
 * ports, and it would fail.
 */
@Suite
@IncludeEngines("junit-jupiter")
@SelectPackages("io.orderflow.it")
@IncludeClassNamePatterns("io\\.orderflow\\.it\\.[A-Z]\\w*IT")
@ConfigurationParameter(
        key = "junit.jupiter.testclass.order.default",
        value = "org.junit.jupiter.api.ClassOrderer$ClassName")
class ArquillianIT {}
