package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.it.support.Api;
import io.orderflow.it.support.TestServices;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customers' data and operations are for staff: no credentials is 401, a user without a staff role
 * is 403, the role staff reads and the role ops acts, all answered as problems. An operator's
 * browser cannot be made to act by another site: every switch takes a JSON body, so a form or a
 * simple request is 415.
 */
@ExtendWith(ArquillianExtension.class)
class OperationsSecurityIT {

    /**
     * Everything that shows other customers' orders, addresses or failures, or how the system is
     * doing.
     */
    private static final String[] STAFF_READS = {
        "/ops/dead-letters",
        "/ops/dead-letters/audit",
        "/ops/effects",
        "/ops/orders/" + UUID.randomUUID(),
        "/search?q=*",
        "/telemetry/stats"
    };

    @Test
    void without_credentials_customers_data_and_operations_answer_401_with_a_challenge() {
        for (String path : STAFF_READS) {
            Api.Reply reply = Api.get(path);

            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).as(path).startsWith("Basic");
            assertThat(reply.header("Content-Type"))
                    .as(path)
                    .startsWith("application/problem+json");
            assertThat(reply.json().getInt("status")).as(path).isEqualTo(401);
            assertThat(reply.body()).as(path).doesNotContain("@example.com");
        }
        assertThat(Api.postJson("/ops/effects/email/pause", "{}").status()).isEqualTo(401);
    }

    @Test
    void a_user_with_neither_staff_role_gets_403() {
        String[] clerk = Api.basic(TestServices.CLERK_USER, TestServices.opsPassword());

        Api.Reply search = Api.get("/search?q=*", clerk);
        Api.Reply pause = Api.postJson("/ops/effects/email/pause", "{}", clerk);

        assertThat(search.status()).isEqualTo(403);
        assertThat(search.header("Content-Type")).startsWith("application/problem+json");
        assertThat(pause.status()).isEqualTo(403);
        assertEmailNotPaused();
    }

    @Test
    void staff_read_everything_and_act_on_nothing() {
        for (String path : STAFF_READS) {
            assertThat(Api.get(path, Api.asStaff()).status()).as(path).isIn(200, 404);
        }
        assertThat(Api.get("/search?q=*", Api.asStaff()).status()).isEqualTo(200);

        Api.Reply pause = Api.postJson("/ops/effects/email/pause", "{}", Api.asStaff());
        Api.Reply retry =
                Api.postJson(
                        "/ops/dead-letters/retry",
                        "{\"messageIds\":[\"ID:nothing\"]}",
                        Api.asStaff());

        assertThat(pause.status()).isEqualTo(403);
        assertThat(pause.json().getString("detail")).contains("acting needs ops");
        assertThat(retry.status()).isEqualTo(403);
        assertEmailNotPaused();
    }

    @Test
    void wrong_credentials_are_401() {
        assertThat(
                        Api.get(
                                        "/ops/dead-letters",
                                        Api.basic(TestServices.OPS_USER, "not-the-password"))
                                .status())
                .isEqualTo(401);
    }

    @Test
    void an_ops_user_gets_in_and_an_unknown_effect_is_404() {
        assertThat(Api.get("/ops/dead-letters", Api.asOps()).status()).isEqualTo(200);
        Api.Reply unknown = Api.postJson("/ops/effects/teleport/pause", "{}", Api.asOps());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("type")).isEqualTo("urn:orderflow:problem:not-found");
    }

    /**
     * What a page on another site can make a browser send without asking: a form, or text/plain.
     */
    @Test
    void a_form_or_a_simple_request_cannot_act_even_with_an_operators_credentials() {
        Api.Reply form =
                Api.post(
                        "/ops/effects/email/pause",
                        "application/x-www-form-urlencoded",
                        "",
                        Api.asOps());
        Api.Reply text =
                Api.post(
                        "/ops/dead-letters/retry",
                        "text/plain",
                        "{\"messageIds\":[\"ID:nothing\"]}",
                        Api.asOps());
        Api.Reply bare = Api.post("/ops/effects/email/pause", null, "", Api.asOps());

        for (Api.Reply refused : new Api.Reply[] {form, text, bare}) {
            assertThat(refused.status()).as(refused.described()).isEqualTo(415);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertEmailNotPaused();
    }

    private static void assertEmailNotPaused() {
        assertThat(Api.get("/ops/effects", Api.asOps()).body())
                .contains("\"effect\":\"email\"")
                .doesNotContain("\"paused\":true");
    }
}
