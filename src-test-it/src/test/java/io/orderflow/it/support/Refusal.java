package io.orderflow.it.support;

import java.util.UUID;

/**
 * The database refusing some inserts into a table, for as long as the refusal is open: a trigger
 * that raises an exception for the rows that match a condition, every time, as a broken row or a
 * full disk would.
 */
public final class Refusal implements AutoCloseable {

    private final String name;
    private final String table;

    private Refusal(String name, String table) {
        this.name = name;
        this.table = table;
    }

    /**
     * @param condition SQL over {@code new}, e.g. {@code new.units = 777}
     * @param message what the database says when it refuses
     */
    public static Refusal ofInserts(String table, String condition, String message) {
        String name = "it_refuse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Database.execute(
                "create function "
                        + name
                        + "() returns trigger language plpgsql as $$ begin if "
                        + condition
                        + " then raise exception '"
                        + message.replace("'", "''")
                        + "'; end if; return new; end $$");
        Database.execute(
                "create trigger "
                        + name
                        + " before insert on "
                        + table
                        + " for each row execute function "
                        + name
                        + "()");
        return new Refusal(name, table);
    }

    /** Lifts the refusal; lifting it again does nothing. */
    @Override
    public void close() {
        Database.execute("drop trigger if exists " + name + " on " + table);
        Database.execute("drop function if exists " + name + "()");
    }
}
