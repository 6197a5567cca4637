package io.orderflow.devservices;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The downstreams OrderFlow talks to, started on loopback: PostgreSQL, an SMTP server, the payment
 * service and the warehouse webhook. The run command and the tests start the same set, on ports of
 * their own.
 */
public final class DevServices implements AutoCloseable {

    /**
     * Where everything listens. Each port can be overridden with a system property of the same
     * name.
     */
    public record Ports(int database, int smtp, int imap, int payment, int warehouse) {

        public static Ports fromSystemProperties(Ports defaults) {
            return new Ports(
                    Integer.getInteger("orderflow.db.port", defaults.database()),
                    Integer.getInteger("orderflow.smtp.port", defaults.smtp()),
                    Integer.getInteger("orderflow.imap.port", defaults.imap()),
                    Integer.getInteger("orderflow.payment.port", defaults.payment()),
                    Integer.getInteger("orderflow.warehouse.port", defaults.warehouse()));
        }
    }

    /**
     * The run command's ports; microprofile-config.properties in the EJB module names the same
     * ones.
     */
    public static final Ports RUN_PORTS = new Ports(15432, 3025, 3143, 8089, 8090);

    private final Database database;
    private final MailServer mail;
    private final HttpDownstream payment;
    private final HttpDownstream warehouse;

    private DevServices(
            Database database, MailServer mail, HttpDownstream payment, HttpDownstream warehouse) {
        this.database = database;
        this.mail = mail;
        this.payment = payment;
        this.warehouse = warehouse;
    }

    /**
     * The run commands' downstreams: on the run ports (each overridable by its system property),
     * with the data kept in {@code data}, durably, and the database's password kept beside it.
     */
    public static DevServices startKept(Path data) throws Exception {
        return start(
                Ports.fromSystemProperties(RUN_PORTS),
                data,
                true,
                Secrets.kept(data.resolve("db-password")),
                Secrets.kept(data.resolve("db-application-password")),
                Database.Durability.DURABLE);
    }

    /**
     * @param dataDirectory where PostgreSQL keeps its files
     * @param keepData false to start from an empty database, as the tests do
     * @param databasePassword the administrator's password
     * @param applicationPassword the password of the application's role
     * @param durability whether a commit waits for the disk
     */
    public static DevServices start(
            Ports ports,
            Path dataDirectory,
            boolean keepData,
            String databasePassword,
            String applicationPassword,
            Database.Durability durability)
            throws Exception {
        Database database =
                Database.start(
                        dataDirectory.resolve("postgres"),
                        ports.database(),
                        keepData,
                        databasePassword,
                        applicationPassword,
                        durability);
        try {
            return new DevServices(
                    database,
                    MailServer.start(ports.smtp(), ports.imap()),
                    HttpDownstream.start("payment", ports.payment()),
                    HttpDownstream.start("warehouse", ports.warehouse()));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    public MailServer mail() {
        return mail;
    }

    public HttpDownstream payment() {
        return payment;
    }

    public HttpDownstream warehouse() {
        return warehouse;
    }

    /**
     * The system properties that point a WildFly running OrderFlow at these services. No password:
     * WildFly reads those from its credential store ({@link WildFlyServer#storeCredentials}).
     */
    public Map<String, String> serverProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("orderflow.db.port", String.valueOf(database.port()));
        properties.put("orderflow.db.name", Database.NAME);
        properties.put("orderflow.db.user", Database.APPLICATION);
        properties.put("orderflow.smtp.port", String.valueOf(mail.smtpPort()));
        properties.put("orderflow.payment.url", payment.baseUrl());
        properties.put("orderflow.warehouse.url", warehouse.baseUrl() + "/warehouse");
        return properties;
    }

    @Override
    public void close() throws Exception {
        try (database;
                mail;
                payment;
                warehouse) {
            // closed in reverse order by try-with-resources
        }
    }
}
