package io.orderflow.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * The embedded Artemis broker, read and steered through WildFly's management model, as an operator
 * would.
 */
public final class Broker {

    private static final String SERVER = "/subsystem=messaging-activemq/server=default";

    private Broker() {}

    /** How many messages each effect queue has received so far. */
    public static Map<Effect, Long> messagesAddedPerEffect() {
        return Arrays.stream(Effect.values())
                .collect(Collectors.toMap(Function.identity(), e -> messagesAdded(e.queue())));
    }

    /**
     * Every effect's queue received one message more than {@code addedBefore} counted, and is empty
     * again.
     */
    public static void awaitOneMoreHandledByEveryEffect(Map<Effect, Long> addedBefore) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            for (Effect effect : Effect.values()) {
                                assertThat(messagesAdded(effect.queue()))
                                        .as(effect.queue())
                                        .isEqualTo(addedBefore.get(effect) + 1);
                                assertThat(messageCount(effect.queue()))
                                        .as(effect.queue())
                                        .isZero();
                            }
                        });
    }

    public static long messagesAdded(String queue) {
        return queueAttribute(queue, "messages-added").asLong();
    }

    /**
     * Messages in the queue, including those delivered and not yet acknowledged, and those
     * scheduled for redelivery.
     */
    public static long messageCount(String queue) {
        return queueAttribute(queue, "message-count").asLong();
    }

    public static ModelNode resolveAddressSetting(String address) {
        ModelNode op = operation(SERVER, "resolve-address-setting");
        op.get("activemq-address").set(address);
        return execute(op);
    }

    /**
     * The attribute as the address setting states it; undefined when it leaves it to the default.
     */
    public static ModelNode readAddressSetting(String match, String attribute) {
        ModelNode op = operation(SERVER + "/address-setting=" + match, "read-attribute");
        op.get("name").set(attribute);
        return execute(op);
    }

    public static void writeAddressSetting(String match, String attribute, ModelNode value) {
        ModelNode op = operation(SERVER + "/address-setting=" + match, "write-attribute");
        op.get("name").set(attribute);
        op.get("value").set(value);
        execute(op);
    }

    /** A durable anycast queue on an address of its own name. */
    public static void addQueue(String queue) {
        ModelNode op = operation(SERVER + "/queue=" + queue, "add");
        op.get("queue-address").set(queue);
        op.get("routing-type").set("ANYCAST");
        op.get("durable").set(true);
        execute(op);
    }

    /**
     * Names a queue in WildFly's JNDI for message-driven beans to look up, without the old {@code
     * jms.queue.} prefix, as OrderFlow's own queues are named.
     */
    public static void bind(String queue, String jndiName) {
        ModelNode op =
                operation("/subsystem=messaging-activemq/external-jms-queue=" + queue, "add");
        op.get("entries").add(jndiName);
        op.get("enable-amq1-prefix").set(false);
        execute(op);
    }

    /** Lets roles send to and consume from the addresses the match names. */
    public static void grant(String match, String... roles) {
        execute(operation(SERVER + "/security-setting=" + match, "add"));
        for (String role : roles) {
            ModelNode op =
                    operation(SERVER + "/security-setting=" + match + "/role=" + role, "add");
            op.get("send").set(true);
            op.get("consume").set(true);
            execute(op);
        }
    }

    /** Sets one permission of a role on the addresses a security setting matches. */
    public static void writeSecurityRole(
            String match, String role, String permission, boolean granted) {
        ModelNode op =
                operation(
                        SERVER + "/security-setting=" + match + "/role=" + role, "write-attribute");
        op.get("name").set(permission);
        op.get("value").set(granted);
        execute(op);
    }

    public static boolean isPaused(String queue) {
        return queueAttribute(queue, "paused").asBoolean();
    }

    public static void pause(String queue) {
        execute(operation(queueAddress(queue), "pause"));
    }

    public static void resume(String queue) {
        execute(operation(queueAddress(queue), "resume"));
    }

    /**
     * Closes or opens the consumers of one of OrderFlow's message-driven beans (WildFly's {@code
     * stop-delivery} / {@code start-delivery}), as an outage of the bean would.
     */
    public static void deliverTo(String bean, boolean delivering) {
        execute(
                operation(
                        Deployments.ADDRESS
                                + "/subdeployment=orderflow-ejb.jar/subsystem=ejb3/message-driven-bean="
                                + bean,
                        delivering ? "start-delivery" : "stop-delivery"));
    }

    /**
     * The broker's own id of the queue: it changes only when the queue is destroyed and created
     * again.
     */
    /** The message group of each message waiting in the queue, in the order it delivers them. */
    public static List<String> waitingGroups(String queue) {
        return execute(operation(queueAddress(queue), "list-messages")).asList().stream()
                .map(message -> message.get("_AMQ_GROUP_ID").asString())
                .toList();
    }

    /** Removes the messages the filter selects, as an operator's purge does; returns how many. */
    public static long removeMessages(String queue, String filter) {
        ModelNode op = operation(queueAddress(queue), "remove-messages");
        op.get("filter").set(filter);
        return execute(op).asLong();
    }

    /** The pages the address holds on disk: none while it fits in memory. */
    public static long pages(String address) {
        ModelNode op = operation(SERVER + "/core-address=" + address, "read-attribute");
        op.get("name").set("number-of-pages");
        return execute(op).asLong();
    }

    public static long queueId(String queue) {
        return queueAttribute(queue, "id").asLong();
    }

    /**
     * OrderFlow's queues come from the broker's configuration (orderflow-broker.properties), not
     * from WildFly's model, so WildFly shows them as runtime queues.
     */
    private static String queueAddress(String queue) {
        return SERVER + "/runtime-queue=" + queue;
    }

    private static ModelNode queueAttribute(String queue, String attribute) {
        ModelNode op = operation(queueAddress(queue), "read-attribute");
        op.get("name").set(attribute);
        return execute(op);
    }

    static ModelNode operation(String address, String name) {
        ModelNode op = new ModelNode();
        op.get("operation").set(name);
        ModelNode path = op.get("address").setEmptyList();
        for (String element : address.substring(1).split("/")) {
            if (element.isEmpty()) {
                continue; // the root, "/"
            }
            String[] pair = element.split("=", 2);
            path.add(pair[0], pair[1]);
        }
        return op;
    }

    static ModelNode execute(ModelNode op) {
        return execute(op, Integer.getInteger("orderflow.it.management.port", 10090));
    }

    /** On the server whose management interface listens on the port, as a local user. */
    static ModelNode execute(ModelNode op, int port) {
        try (ModelControllerClient client =
                ModelControllerClient.Factory.create("127.0.0.1", port)) {
            ModelNode result = client.execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException(
                        op + " failed: " + result.get("failure-description"));
            }
            return result.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
