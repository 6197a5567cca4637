package io.orderflow.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that starts servers of its own, which it may stop, kill or reconfigure, on the ports
 * Arquillian's server would have: failsafe runs these apart from the Arquillian tests (its {@code
 * crash} execution, by this tag), never beside an Arquillian server in one test JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(OwnServers.TAG)
public @interface OwnServers {

    String TAG = "own-servers";
}
