package io.orderflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.Slice;
import io.orderflow.effects.Effect;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.Stateless;
import jakarta.jms.JMSProducer;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The layout's rules about what may depend on what (README, *Layout*), checked on the compiled
 * classes of both modules.
 */
@AnalyzeClasses(packages = "io.orderflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_web_never_touches_messaging =
            noClasses()
                    .that()
                    .resideInAPackage("io.orderflow.web..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("jakarta.jms..")
                    .because(
                            "a REST resource hands work to a service; publishing goes through EventPublisher");

    @ArchTest
    static final ArchRule the_domain_never_knows_the_web =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.orderflow.web..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.orderflow.web..");

    @ArchTest
    static final ArchRule features_have_no_cycles =
            slices().matching("io.orderflow.(*)..").should().beFreeOfCycles();

    /** The six effects' packages, one per {@link Effect}, named by its key. */
    private static final Set<String> EFFECTS =
            Arrays.stream(Effect.values()).map(Effect::key).collect(Collectors.toSet());

    @ArchTest
    static final ArchRule effects_do_not_know_each_other =
            slices().matching("io.orderflow.effects.(*)..")
                    .that(
                            DescribedPredicate.describe(
                                    "are effects",
                                    (Slice slice) -> EFFECTS.contains(slice.getNamePart(1))))
                    .should()
                    .notDependOnEachOther()
                    .because("each effect fails, retries and dead-letters on its own");

    /**
     * The effects' hall, each concern a package that knows only those below it: the vocabulary
     * (which effects there are and their settings), failures, sequencing (the ledger, turns and
     * held events), dead letters, the consumer template, the kill switch; the six effects on top.
     * The template tells the kill switch how deliveries end through an interface of its own, so
     * that the switch, which probes through the template's steps, sits above it.
     */
    @ArchTest
    static final ArchRule the_effects_hall_is_layered =
            layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    .layer("vocabulary")
                    .definedBy("io.orderflow.effects")
                    .layer("failures")
                    .definedBy("io.orderflow.effects.failures..")
                    .layer("sequencing")
                    .definedBy("io.orderflow.effects.sequencing..")
                    .layer("dead letters")
                    .definedBy("io.orderflow.effects.deadletters..")
                    .layer("consumer template")
                    .definedBy("io.orderflow.effects.consumer..")
                    .layer("kill switch")
                    .definedBy("io.orderflow.effects.killswitch..")
                    .layer("the six effects")
                    .definedBy(
                            EFFECTS.stream()
                                    .map(effect -> "io.orderflow.effects." + effect + "..")
                                    .toArray(String[]::new))
                    .whereLayer("vocabulary")
                    .mayNotAccessAnyLayer()
                    .whereLayer("failures")
                    .mayOnlyAccessLayers("vocabulary")
                    .whereLayer("sequencing")
                    .mayOnlyAccessLayers("vocabulary", "failures")
                    .whereLayer("dead letters")
                    .mayOnlyAccessLayers("vocabulary", "failures", "sequencing")
                    .whereLayer("consumer template")
                    .mayOnlyAccessLayers("vocabulary", "failures", "sequencing", "dead letters")
                    .whereLayer("kill switch")
                    .mayOnlyAccessLayers(
                            "vocabulary", "failures", "sequencing", "consumer template")
                    .whereLayer("the six effects")
                    .mayOnlyAccessLayers(
                            "vocabulary",
                            "failures",
                            "sequencing",
                            "dead letters",
                            "consumer template");

    @ArchTest
    static final ArchRule the_effects_root_knows_no_effect =
            noClasses()
                    .that()
                    .resideInAPackage("io.orderflow.effects")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.orderflow.effects.*..")
                    .because(
                            "each effect depends on the consumer template, never the other way: an effect says which of its "
                                    + "failures are permanent by overriding it");

    @ArchTest
    static final ArchRule nothing_imports_the_baseline =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("io.orderflow.baseline..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.orderflow.baseline..")
                    .because(
                            "the synchronous baseline is one implementation of the publishing port, named by the container only");

    @ArchTest
    static final ArchRule operator_actions_need_a_role =
            classes()
                    .that()
                    .resideInAPackage("io.orderflow.ops")
                    .and()
                    .areAnnotatedWith(Stateless.class)
                    .should()
                    .beAnnotatedWith(RolesAllowed.class)
                    .because(
                            "what an operator may do is decided on the bean, not only by the web layer in front of it");

    @ArchTest
    static final ArchRule every_resource_method_decides_who_may_call_it =
            methods()
                    .that()
                    .areMetaAnnotatedWith(HttpMethod.class)
                    .should(carryExactlyOneOf(PermitAll.class, RolesAllowed.class))
                    .because(
                            "access is decided on the method Jakarta REST matches, whatever the address's spelling; "
                                    + "a method that says neither is refused to everyone (AccessDecisions)");

    @ArchTest
    static final ArchRule no_resource_class_decides_for_its_methods =
            classes()
                    .that()
                    .areAnnotatedWith(Path.class)
                    .should()
                    .notBeAnnotatedWith(PermitAll.class)
                    .andShould()
                    .notBeAnnotatedWith(RolesAllowed.class)
                    .andShould()
                    .notBeAnnotatedWith(DenyAll.class)
                    .because("a method added later would inherit a decision nobody made for it");

    @ArchTest
    static final ArchRule message_driven_beans_live_in_the_feature_they_serve =
            classes()
                    .that()
                    .areAnnotatedWith(MessageDriven.class)
                    .should()
                    .resideInAnyPackage(
                            "io.orderflow.effects.*",
                            "io.orderflow.telemetry",
                            "io.orderflow.payment")
                    .because(
                            "an MDB is a thin adapter next to the handler it feeds, not a layer of its own");

    @ArchTest
    static final ArchRule messages_are_sent_in_five_places_only =
            noClasses()
                    .that()
                    .doNotHaveSimpleName("EventPublisher")
                    .and()
                    .doNotHaveSimpleName("DeadLetterQueues")
                    .and()
                    .doNotHaveSimpleName("TelemetryIngest")
                    .and()
                    .doNotHaveSimpleName("PaymentVoids")
                    .and()
                    .doNotHaveSimpleName("BrokerQueues")
                    .should()
                    .dependOnClassesThat()
                    .areAssignableTo(JMSProducer.class)
                    .because(
                            "order events get their ids in one place, dead letters move in one place, telemetry enters in one "
                                    + "place, voids are queued in one place, the broker is asked about its queues in one place");

    private static ArchCondition<JavaMethod> carryExactlyOneOf(
            Class<? extends Annotation> first, Class<? extends Annotation> second) {
        String description =
                "carry exactly one of @" + first.getSimpleName() + " or @" + second.getSimpleName();
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean one = method.isAnnotatedWith(first);
                boolean other = method.isAnnotatedWith(second);
                if (one == other) {
                    events.add(
                            SimpleConditionEvent.violated(
                                    method, method.getFullName() + " does not " + description));
                }
            }
        };
    }
}
