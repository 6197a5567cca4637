package io.orderflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.effects.Effect;
import io.orderflow.effects.deadletters.DeadLetterSource;
import io.orderflow.messaging.JndiNames;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * broker.xml (a standalone Artemis broker) and, for the broker embedded in WildFly,
 * configure-messaging.cli with the queues of orderflow-broker.properties must describe the same
 * topology, or the two run modes would behave differently. This reads them and compares.
 */
class BrokerConfigurationEquivalenceTest {

    record Queue(String name, String address, String routing) {}

    record Divert(String name, String address, String forwardingAddress, boolean exclusive) {}

    /** One permission of one role on the addresses a match names. */
    record Grant(String match, String permission, String role) {}

    /** WildFly's attribute names where they differ from broker.xml's element names. */
    private static final Map<String, String> WILDFLY_TO_ARTEMIS =
            Map.of(
                    "redelivery-multiplier", "redelivery-delay-multiplier",
                    "global-max-disk-usage", "max-disk-usage");

    private static final Pattern CLI_RESOURCE =
            Pattern.compile(
                    "^/subsystem=messaging-activemq/server=default(?:/(divert|address-setting)=([^:]+))?:(add|write-attribute)\\((.*)\\)$");

    /**
     * A queue of the broker properties:
     * addressConfigurations."address".queueConfigs."queue".attribute=value
     */
    private static final Pattern PROPERTIES_ADDRESS =
            Pattern.compile("^addressConfigurations\\.\"([^\"]+)\"\\.routingTypes=(.*)$");

    private static final Pattern PROPERTIES_QUEUE =
            Pattern.compile(
                    "^addressConfigurations\\.\"([^\"]+)\"\\.queueConfigs\\.\"([^\"]+)\"\\.([a-zA-Z]+)=(.*)$");
    private static final Pattern CLI_ATTRIBUTE = Pattern.compile("([a-z-]+)=([^,]+)");
    private static final Pattern CLI_JNDI =
            Pattern.compile(
                    "^/subsystem=messaging-activemq/external-jms-(?:queue|topic)=([^:]+):add\\(entries=\\[([^\\]]+)\\].*$");
    private static final Pattern CLI_GRANT =
            Pattern.compile(
                    "^/subsystem=messaging-activemq/server=default/security-setting=([^/]+)/role=([^:]+):(add|remove)(?:\\((.*)\\))?$");

    static Document broker;
    static Set<Queue> embeddedQueues = new HashSet<>();
    static Map<String, String> embeddedAddresses = new TreeMap<>();
    static Set<Divert> cliDiverts = new HashSet<>();
    static Map<String, Map<String, String>> cliSettings = new TreeMap<>();
    static Map<String, String> cliServer = new TreeMap<>();
    static Set<Grant> cliGrants = new HashSet<>();
    static Set<Grant> cliRevoked = new HashSet<>();

    /** The JNDI entries the application looks up, by the queue or topic they name. */
    static Map<String, List<String>> cliJndi = new TreeMap<>();

    @BeforeAll
    static void read() throws Exception {
        try (InputStream xml = resource("broker.xml")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            broker = factory.newDocumentBuilder().parse(xml);
        }
        String cli;
        try (InputStream script = resource("wildfly/configure-messaging.cli")) {
            cli = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : cli.lines().map(String::trim).toList()) {
            Matcher jndi = CLI_JNDI.matcher(line);
            if (jndi.matches()) {
                cliJndi.put(
                        jndi.group(1),
                        Arrays.stream(jndi.group(2).split(",")).map(String::trim).toList());
                continue;
            }
            Matcher grant = CLI_GRANT.matcher(line);
            if (grant.matches()) {
                Set<Grant> target = grant.group(3).equals("add") ? cliGrants : cliRevoked;
                if (grant.group(4) == null) {
                    target.add(new Grant(grant.group(1), "*", grant.group(2)));
                } else {
                    Matcher permission = CLI_ATTRIBUTE.matcher(grant.group(4));
                    while (permission.find()) {
                        if (Boolean.parseBoolean(permission.group(2).trim())) {
                            target.add(
                                    new Grant(
                                            grant.group(1),
                                            camelCase(permission.group(1)),
                                            grant.group(2)));
                            // WildFly has no browse, create-address or delete-address permission
                            // of its own: consuming includes browsing, and creating or deleting a
                            // queue includes its address
                            String implied =
                                    switch (permission.group(1)) {
                                        case "consume" -> "browse";
                                        case "create-non-durable-queue", "create-durable-queue" ->
                                                "createAddress";
                                        case "delete-non-durable-queue", "delete-durable-queue" ->
                                                "deleteAddress";
                                        default -> null;
                                    };
                            if (implied != null) {
                                target.add(new Grant(grant.group(1), implied, grant.group(2)));
                            }
                        }
                    }
                }
                continue;
            }
            Matcher resource = CLI_RESOURCE.matcher(line);
            if (!resource.matches()) {
                continue;
            }
            Map<String, String> attributes = new TreeMap<>();
            Matcher attribute = CLI_ATTRIBUTE.matcher(resource.group(4));
            while (attribute.find()) {
                attributes.put(
                        WILDFLY_TO_ARTEMIS.getOrDefault(attribute.group(1), attribute.group(1)),
                        attribute.group(2).trim());
            }
            String kind = resource.group(1);
            String name = resource.group(2);
            if (kind == null) {
                cliServer.put(
                        WILDFLY_TO_ARTEMIS.getOrDefault(
                                attributes.get("name"), attributes.get("name")),
                        attributes.get("value"));
            } else if (kind.equals("divert")) {
                cliDiverts.add(
                        new Divert(
                                name,
                                attributes.get("divert-address"),
                                attributes.get("forwarding-address"),
                                Boolean.parseBoolean(attributes.get("exclusive"))));
            } else {
                cliSettings.put(name, attributes);
            }
        }
        readEmbeddedQueues();
    }

    private static void readEmbeddedQueues() throws IOException {
        Map<String, Map<String, String>> queues = new TreeMap<>();
        String properties;
        try (InputStream file = resource("wildfly/orderflow-broker.properties")) {
            properties = new String(file.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : properties.lines().map(String::trim).toList()) {
            Matcher address = PROPERTIES_ADDRESS.matcher(line);
            if (address.matches()) {
                embeddedAddresses.put(address.group(1), address.group(2).trim().toLowerCase());
            }
            Matcher queue = PROPERTIES_QUEUE.matcher(line);
            if (queue.matches()) {
                assertThat(queue.group(1))
                        .as("each queue sits on the address of its own name")
                        .isEqualTo(queue.group(2));
                queues.computeIfAbsent(queue.group(2), name -> new TreeMap<>())
                        .put(queue.group(3), queue.group(4).trim());
            }
        }
        queues.forEach(
                (name, attributes) -> {
                    assertThat(attributes.get("durable")).as(name + " durable").isEqualTo("true");
                    embeddedQueues.add(
                            new Queue(
                                    name,
                                    attributes.get("address"),
                                    attributes.get("routingType").toLowerCase()));
                });
    }

    @Test
    void both_define_the_same_queues_on_the_same_addresses() {
        assertThat(brokerQueues()).isNotEmpty().containsExactlyInAnyOrderElementsOf(embeddedQueues);
    }

    @Test
    void both_fan_order_events_out_through_the_same_diverts() {
        assertThat(brokerDiverts())
                .hasSize(Effect.values().length)
                .containsExactlyInAnyOrderElementsOf(cliDiverts);
    }

    /**
     * What the application's code names (the effects, the JNDI entries) against what both
     * configurations create.
     */
    @ParameterizedTest
    @EnumSource(Effect.class)
    void every_effect_has_its_queue_dead_letter_queue_divert_setting_and_jndi_entry(Effect effect) {
        String queue = effect.queue();
        String deadLetters = "DLQ." + queue;
        for (Set<Queue> queues : List.of(embeddedQueues, brokerQueues())) {
            assertThat(queues)
                    .contains(
                            new Queue(queue, queue, "anycast"),
                            new Queue(deadLetters, deadLetters, "anycast"));
        }
        for (Set<Divert> diverts : List.of(cliDiverts, brokerDiverts())) {
            assertThat(diverts)
                    .filteredOn(divert -> divert.forwardingAddress().equals(queue))
                    .singleElement()
                    .satisfies(divert -> assertThat(divert.address()).isEqualTo("order.events"))
                    .satisfies(
                            divert ->
                                    assertThat(divert.exclusive())
                                            .as("every effect gets its own copy")
                                            .isFalse());
        }
        assertThat(cliSettings.get(queue))
                .as(queue)
                .containsEntry("dead-letter-address", deadLetters);
        assertThat(brokerSettings().get(queue))
                .as(queue)
                .containsEntry("dead-letter-address", deadLetters);
        assertThat(cliJndi.get(queue)).containsExactly(effect.jndiName());
    }

    @Test
    void every_dead_letter_source_the_desk_lists_is_bound_in_jndi_with_its_origin() {
        assertThat(DeadLetterSource.all())
                .allSatisfy(
                        source -> {
                            assertThat(cliJndi.get(source.originQueue()))
                                    .as(source.name())
                                    .containsExactly(source.originJndi());
                            assertThat(cliJndi.get("DLQ." + source.originQueue()))
                                    .as(source.name())
                                    .containsExactly(source.deadLetterJndi());
                            assertThat(brokerSettings().get(source.originQueue()))
                                    .as(source.name())
                                    .containsEntry(
                                            "dead-letter-address", "DLQ." + source.originQueue());
                        });
        assertThat(cliJndi.get("order.events")).containsExactly(JndiNames.ORDER_EVENTS);
        assertThat(cliJndi.get("activemq.management")).containsExactly(JndiNames.BROKER_MANAGEMENT);
    }

    @Test
    void
            an_address_without_queues_in_broker_xml_is_a_multicast_divert_source_both_brokers_create_up_front() {
        for (Element address : addresses()) {
            if (elements(address, "queue").isEmpty()) {
                assertThat(elements(address, "multicast"))
                        .as(address.getAttribute("name"))
                        .isNotEmpty();
                assertThat(cliDiverts)
                        .extracting(Divert::address)
                        .contains(address.getAttribute("name"));
                assertThat(embeddedAddresses)
                        .containsEntry(address.getAttribute("name"), "multicast");
            }
        }
    }

    @Test
    void both_give_every_address_the_same_settings() {
        Map<String, Map<String, String>> brokerSettings = brokerSettings();
        assertThat(brokerSettings.keySet())
                .containsExactlyInAnyOrderElementsOf(cliSettings.keySet());
        brokerSettings.forEach(
                (match, values) ->
                        assertThat(normalized(cliSettings.get(match)))
                                .as(match)
                                .isEqualTo(normalized(values)));
    }

    @ParameterizedTest
    @EnumSource(Effect.class)
    void every_effect_address_resolves_a_max_redelivery_delay_so_none_inherits_wildflys_zero(
            Effect effect) {
        Map<String, String> resolved = AddressSettings.resolved(cliSettings, effect.queue());
        assertThat(resolved)
                .as(effect.queue())
                .containsKeys(
                        "redelivery-delay",
                        "max-redelivery-delay",
                        "max-delivery-attempts",
                        "dead-letter-address");
        assertThat(Long.parseLong(resolved.get("max-redelivery-delay")))
                .as(effect.queue())
                .isGreaterThanOrEqualTo(Long.parseLong(resolved.get("redelivery-delay")));
    }

    @Test
    void both_keep_the_same_duplicate_id_cache_disk_cap_and_journal_buffer() {
        for (String setting :
                Set.of(
                        "persist-id-cache",
                        "id-cache-size",
                        "max-disk-usage",
                        "journal-buffer-size")) {
            assertThat(cliServer.get(setting))
                    .as(setting)
                    .isNotNull()
                    .isEqualTo(text(broker.getDocumentElement(), setting));
        }
    }

    @Test
    void both_let_only_orderflows_identities_at_its_addresses_and_grant_nothing_on_the_rest() {
        Set<Grant> brokerGrants = new HashSet<>();
        for (Element setting : elements(broker.getDocumentElement(), "security-setting")) {
            for (Element permission : elements(setting, "permission")) {
                for (String role : permission.getAttribute("roles").split(",")) {
                    brokerGrants.add(
                            new Grant(
                                    setting.getAttribute("match"),
                                    permission.getAttribute("type"),
                                    role.trim()));
                }
            }
        }
        assertThat(brokerGrants)
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(cliGrants)
                .allSatisfy(
                        grant -> assertThat(grant.role()).isIn("orderflow", "orderflow-management"))
                .noneSatisfy(grant -> assertThat(grant.match()).isEqualTo("#"));
        assertThat(brokerGrants)
                .as("the identity that sends and consumes events may not manage the broker")
                .filteredOn(grant -> grant.role().equals("orderflow"))
                .isNotEmpty()
                .noneSatisfy(grant -> assertThat(grant.permission()).isEqualTo("manage"));
        assertThat(brokerGrants)
                .as("the management identity may manage and hear the answers, nothing else")
                .filteredOn(grant -> grant.role().equals("orderflow-management"))
                .extracting(Grant::match)
                .containsOnly("activemq.management", "jms.tempqueue.#");
        assertThat(cliRevoked)
                .as("WildFly's grant of everything to guest")
                .contains(new Grant("#", "*", "guest"));
    }

    /**
     * WildFly names a permission {@code create-non-durable-queue}, broker.xml {@code
     * createNonDurableQueue}.
     */
    private static String camelCase(String permission) {
        return Pattern.compile("-(.)")
                .matcher(permission)
                .replaceAll(letter -> letter.group(1).toUpperCase());
    }

    private static Set<Queue> brokerQueues() {
        Set<Queue> queues = new HashSet<>();
        for (Element address : addresses()) {
            for (String routing : Set.of("anycast", "multicast")) {
                for (Element type : elements(address, routing)) {
                    for (Element queue : elements(type, "queue")) {
                        queues.add(
                                new Queue(
                                        queue.getAttribute("name"),
                                        address.getAttribute("name"),
                                        routing));
                    }
                }
            }
        }
        return queues;
    }

    private static Set<Divert> brokerDiverts() {
        Set<Divert> diverts = new HashSet<>();
        for (Element divert : elements(broker.getDocumentElement(), "divert")) {
            diverts.add(
                    new Divert(
                            divert.getAttribute("name"),
                            text(divert, "address"),
                            text(divert, "forwarding-address"),
                            Boolean.parseBoolean(text(divert, "exclusive"))));
        }
        return diverts;
    }

    private static Map<String, Map<String, String>> brokerSettings() {
        return AddressSettings.of(broker);
    }

    /**
     * The address definitions; a divert's own address element names its source and is not one of
     * them.
     */
    private static List<Element> addresses() {
        return elements(elements(broker.getDocumentElement(), "addresses").get(0), "address");
    }

    private static Map<String, Object> normalized(Map<String, String> values) {
        Map<String, Object> normalized = new HashMap<>();
        values.forEach(
                (key, value) ->
                        normalized.put(
                                key,
                                value.matches("-?\\d+(\\.\\d+)?")
                                        ? new BigDecimal(value).stripTrailingZeros()
                                        : value));
        return normalized;
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = elements(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream stream =
                BrokerConfigurationEquivalenceTest.class.getClassLoader().getResourceAsStream(name);
        if (stream == null) {
            throw new IOException("No " + name + " on the classpath");
        }
        return stream;
    }
}
