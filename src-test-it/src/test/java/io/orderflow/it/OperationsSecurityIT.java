package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.it.support.Api;
import io.orderflow.it.support.Deployments;
import io.orderflow.it.support.TestServices;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Operations are for the role ops: no credentials is 401, a user without the role is 403, both as problems. */
@ExtendWith(ArquillianExtension.class)
class OperationsSecurityIT {

    @Deployment(testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

    @Test
    void without_credentials_operations_answer_401_with_a_challenge() {
        Api.Reply reply = Api.get("/ops/dead-letters");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().getInt("status")).isEqualTo(401);
    }

    @Test
    void a_user_without_the_ops_role_gets_403() {
        Api.Reply reply = Api.postJson("/ops/effects/email/pause", "", Api.basic(TestServices.CLERK_USER, TestServices.opsPassword()));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Api.get("/ops/effects", Api.asOps()).body()).contains("\"effect\":\"email\"").doesNotContain("\"paused\":true");
    }

    @Test
    void wrong_credentials_are_401() {
        assertThat(Api.get("/ops/dead-letters", Api.basic(TestServices.OPS_USER, "not-the-password")).status()).isEqualTo(401);
    }

    @Test
    void an_ops_user_gets_in_and_an_unknown_effect_is_404() {
        assertThat(Api.get("/ops/dead-letters", Api.asOps()).status()).isEqualTo(200);
        Api.Reply unknown = Api.postJson("/ops/effects/teleport/pause", "", Api.asOps());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("type")).isEqualTo("urn:orderflow:problem:not-found");
    }
}
