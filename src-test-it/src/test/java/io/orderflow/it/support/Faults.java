package io.orderflow.it.support;

/**
 * Transient failures injected where the effects meet the database: triggers that refuse a first
 * attempt, at the statement or only when the transaction commits. Which attempt is the first is
 * kept outside the failing transaction, through dblink, since the refusal rolls the transaction
 * back.
 */
public final class Faults {

    private Faults() {}

    /**
     * Refuses the first attempt of one (consumer, event) pair in {@code oneIn}, chosen by a hash of
     * the pair.
     */
    public static void refuseFirstInboxAttempts(int oneIn) {
        Database.execute("create extension if not exists dblink");
        Database.execute(
                "create table if not exists it_refused_once (consumer varchar(64), event_id varchar(64), "
                        + "primary key (consumer, event_id))");
        Database.execute(
                "create or replace function it_refuse_first_attempt() returns trigger language plpgsql as $$ "
                        + "begin "
                        + "if abs(hashtext(new.consumer || new.event_id)) % "
                        + oneIn
                        + " = 0 and exists (select 1 from dblink('"
                        + outside()
                        + "', "
                        + "format('insert into it_refused_once values (%L, %L) on conflict do nothing returning 1', new.consumer, new.event_id)) "
                        + "as refused(x int)) then raise exception 'first attempt refused for the test'; end if; "
                        + "return new; end $$");
        Database.execute("drop trigger if exists it_refuse_first_attempt on processed_messages");
        Database.execute(
                "create trigger it_refuse_first_attempt before insert on processed_messages "
                        + "for each row execute function it_refuse_first_attempt()");
    }

    public static void stopRefusingInboxAttempts() {
        Database.execute("drop trigger if exists it_refuse_first_attempt on processed_messages");
    }

    /**
     * The analytics row of this SKU is refused once, at commit: a deferred constraint trigger fires
     * when it prepares.
     */
    public static void refuseFirstCommitOfSales(String sku) {
        Database.execute("create extension if not exists dblink");
        Database.execute(
                "create table if not exists it_refused_once (consumer varchar(64), event_id varchar(64), "
                        + "primary key (consumer, event_id))");
        Database.execute(
                "create or replace function it_refuse_first_commit() returns trigger language plpgsql as $$ "
                        + "begin "
                        + "if new.sku = '"
                        + sku
                        + "' and exists (select 1 from dblink('"
                        + outside()
                        + "', format('insert into it_refused_once values (%L, %L) "
                        + "on conflict do nothing returning 1', 'commit', new.sku)) as refused(x int)) "
                        // an integrity violation, as a deferred constraint raises it: the driver
                        // then reports a clean rollback
                        + "then raise exception using errcode = 'integrity_constraint_violation', message = 'refused at commit for the test'; end if; "
                        + "return new; end $$");
        Database.execute("drop trigger if exists it_refuse_first_commit on sku_sales");
        Database.execute(
                "create constraint trigger it_refuse_first_commit after insert on sku_sales "
                        + "deferrable initially deferred for each row execute function it_refuse_first_commit()");
    }

    /** How a trigger reaches the same database from outside the transaction it is about to fail. */
    private static String outside() {
        var database = TestServices.services().database();
        return "host=127.0.0.1 port="
                + database.port()
                + " dbname="
                + io.orderflow.devservices.Database.NAME
                + " user="
                + io.orderflow.devservices.Database.ADMIN
                + " password="
                + database.password();
    }

    public static void stopRefusingCommitsOfSales() {
        Database.execute("drop trigger if exists it_refuse_first_commit on sku_sales");
    }

    /** How many first attempts the trigger refused for these events. */
    public static long refusedInboxAttempts(String eventIdsQuery, Object... parameters) {
        return Database.number(
                "select count(*) from it_refused_once where event_id in (" + eventIdsQuery + ")",
                parameters);
    }
}
