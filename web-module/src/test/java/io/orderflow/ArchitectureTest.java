package io.orderflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSProducer;

/** DESIGN.md's rules about what may depend on what, checked on the compiled classes of both modules. */
@AnalyzeClasses(packages = "io.orderflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_web_never_touches_messaging = noClasses().that().resideInAPackage("io.orderflow.web..")
            .should().dependOnClassesThat().resideInAPackage("jakarta.jms..")
            .because("a REST resource hands work to a service; publishing goes through EventPublisher");

    @ArchTest
    static final ArchRule the_domain_never_knows_the_web = noClasses().that().resideOutsideOfPackage("io.orderflow.web..")
            .should().dependOnClassesThat().resideInAPackage("io.orderflow.web..");

    @ArchTest
    static final ArchRule features_have_no_cycles = slices().matching("io.orderflow.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule effects_do_not_know_each_other = slices().matching("io.orderflow.effects.(*)..")
            .should().notDependOnEachOther()
            .because("each effect fails, retries and dead-letters on its own");

    @ArchTest
    static final ArchRule message_driven_beans_live_in_the_feature_they_serve = classes().that().areAnnotatedWith(MessageDriven.class)
            .should().resideInAnyPackage("io.orderflow.effects.*", "io.orderflow.telemetry", "io.orderflow.payment")
            .because("an MDB is a thin adapter next to the handler it feeds, not a layer of its own");

    @ArchTest
    static final ArchRule messages_are_sent_in_four_places_only = noClasses()
            .that().doNotHaveSimpleName("EventPublisher").and().doNotHaveSimpleName("DeadLetters")
            .and().doNotHaveSimpleName("TelemetryIngest").and().doNotHaveSimpleName("PaymentVoids")
            .should().dependOnClassesThat().areAssignableTo(JMSProducer.class)
            .because("order events get their ids in one place, dead letters move in one place, telemetry enters in one "
                    + "place, voids are queued in one place");
}
