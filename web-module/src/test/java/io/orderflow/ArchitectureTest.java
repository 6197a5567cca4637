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
    static final ArchRule message_driven_beans_live_in_their_effect = classes().that().areAnnotatedWith(MessageDriven.class)
            .should().resideInAPackage("io.orderflow.effects.*")
            .andShould().haveSimpleNameEndingWith("Consumer");

    @ArchTest
    static final ArchRule only_the_publisher_and_the_dead_letters_send = noClasses()
            .that().doNotHaveSimpleName("EventPublisher").and().doNotHaveSimpleName("DeadLetters")
            .should().dependOnClassesThat().areAssignableTo(JMSProducer.class)
            .because("every event gets its duplicate id, group id and schema version in one place, and dead letters move in one place");
}
