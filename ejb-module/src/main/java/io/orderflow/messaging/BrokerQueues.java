package io.orderflow.messaging;

import io.orderflow.BrokerDidNotAnswer;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The broker's queues as an operator sees them in the broker's console: how many messages wait, and
 * a switch to pause and resume deliveries without undeploying anything (events keep arriving and
 * wait; the consumer drains them after the resume). A pause lasts until it is resumed, across the
 * broker's restarts, and holds for every node that consumes the queue.
 *
 * <p>Asks the broker itself, with Artemis management messages sent as the application's management
 * identity (which may manage and nothing else; the identity that sends events may not manage): the
 * same path reaches the broker embedded in WildFly and a standalone pair, follows a failover to the
 * backup, and needs no WildFly messaging server in the node's model (a node on the pair has none).
 * The answer comes back on a temporary queue. Runs outside any transaction, since a question sent
 * inside one would leave only at its commit, after the wait for the answer.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class BrokerQueues {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final Map<String, Count> recentCounts = new ConcurrentHashMap<>();
    private final ReentrantLock counting = new ReentrantLock();

    @Resource(lookup = JndiNames.MANAGEMENT_CONNECTION_FACTORY)
    ConnectionFactory factory;

    @Resource(lookup = JndiNames.BROKER_MANAGEMENT)
    Queue management;

    /** Persisted: the broker keeps the queue paused across its restarts, until it is resumed. */
    public void pause(String queue) {
        ask("queue." + queue, "_AMQ_OperationName", "pause", "[true]");
    }

    public void resume(String queue) {
        ask("queue." + queue, "_AMQ_OperationName", "resume");
    }

    /**
     * Removes the messages of the queue that the filter selects, wherever they are: the broker
     * walks its paging store too, which a consumer's selector never reaches, and reads into memory
     * the paged messages it passes. Returns how many it removed.
     */
    public int removeMessages(String queue, String filter) {
        return ((JsonNumber)
                        ask(
                                "queue." + queue,
                                "_AMQ_OperationName",
                                "removeMessages",
                                Json.createArrayBuilder().add(filter).build().toString()))
                .intValue();
    }

    public boolean isPaused(String queue) {
        return ask("queue." + queue, "_AMQ_Attribute", "paused") == JsonValue.TRUE;
    }

    /** Messages in the queue, delivered-but-unacknowledged and scheduled ones included. */
    public long messageCount(String queue) {
        return ((JsonNumber) ask("queue." + queue, "_AMQ_Attribute", "messageCount")).longValue();
    }

    /**
     * The same as an estimate, for a figure wanted on every refused request, where a question to
     * the broker for each (a connection from the pool, a temporary queue, a round trip) would make
     * a flood of refusals the costliest requests of all: the broker is asked at most once per
     * {@code maxAge}, by one caller while the others take the last count without waiting; empty
     * until a first count is known.
     */
    public OptionalLong recentMessageCount(String queue, Duration maxAge) {
        Count last = recentCounts.get(queue);
        boolean fresh = last != null && last.at().plus(maxAge).isAfter(Instant.now());
        if (!fresh && counting.tryLock()) {
            try {
                last = new Count(messageCount(queue), Instant.now());
                recentCounts.put(queue, last);
            } finally {
                counting.unlock();
            }
        }
        return last == null ? OptionalLong.empty() : OptionalLong.of(last.messages());
    }

    /** The bytes the address holds in memory and in its paging store, what its size cap counts. */
    public long addressSize(String address) {
        return ((JsonNumber) ask("address." + address, "_AMQ_Attribute", "addressSize"))
                .longValue();
    }

    /** How full the address is against its max-size-bytes, in percent. */
    public int addressLimitPercent(String address) {
        return ((JsonNumber) ask("address." + address, "_AMQ_Attribute", "addressLimitPercent"))
                .intValue();
    }

    /** Consumers attached to the queue, from every node; a paused queue keeps its consumers. */
    public long consumerCount(String queue) {
        return ((JsonNumber) ask("queue." + queue, "_AMQ_Attribute", "consumerCount")).longValue();
    }

    private record Count(long messages, Instant at) {}

    /**
     * @param resource {@code queue.<name>} or {@code address.<name>}
     * @param kind {@code _AMQ_OperationName} to invoke an operation, {@code _AMQ_Attribute} to read
     *     an attribute
     * @return the answer's value, {@link JsonValue#NULL} for an operation that returns none
     */
    private JsonValue ask(String resource, String kind, String name) {
        return ask(resource, kind, name, "[]");
    }

    /**
     * @param parameters the operation's parameters, a JSON array
     */
    private JsonValue ask(String resource, String kind, String name, String parameters) {
        try (JMSContext context = factory.createContext()) {
            TemporaryQueue answers = context.createTemporaryQueue();
            try (JMSConsumer consumer = context.createConsumer(answers)) {
                TextMessage question = context.createTextMessage(parameters);
                question.setStringProperty("_AMQ_ResourceName", resource);
                question.setStringProperty(kind, name);
                context.createProducer().setJMSReplyTo(answers).send(management, question);
                return valueOf(resource, name, consumer.receive(ANSWER_WITHIN.toMillis()));
            } finally {
                answers.delete();
            }
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "Could not ask the broker for " + name + " of " + resource, e);
        }
    }

    private static JsonValue valueOf(String resource, String name, Message answer)
            throws JMSException {
        if (answer == null) {
            throw new BrokerDidNotAnswer(
                    "The broker did not answer about "
                            + name
                            + " of "
                            + resource
                            + " within "
                            + ANSWER_WITHIN);
        }
        String body = answer.getBody(String.class);
        if (!answer.getBooleanProperty("_AMQ_OperationSucceeded")) {
            throw new IllegalStateException(
                    "The broker refused " + name + " of " + resource + ": " + body);
        }
        if (body == null) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonArray result = reader.readArray();
            return result.isEmpty() ? JsonValue.NULL : result.get(0);
        }
    }
}
