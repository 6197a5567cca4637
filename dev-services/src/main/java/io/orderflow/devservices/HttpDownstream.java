package io.orderflow.devservices;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A real HTTP service (WireMock standalone) playing one of OrderFlow's downstreams, with its stubs
 * kept in the repo under {@code wiremock/<name>/mappings}. Latency and failures are switched
 * through its admin API at {@code /__admin}, from the tests or with curl.
 */
public final class HttpDownstream implements AutoCloseable {

    private final String name;
    private final WireMockServer server;

    private HttpDownstream(String name, WireMockServer server) {
        this.name = name;
        this.server = server;
    }

    static HttpDownstream start(String name, int port) {
        WireMockServer server =
                new WireMockServer(
                        options()
                                .bindAddress("127.0.0.1")
                                .port(port)
                                .usingFilesUnderClasspath("wiremock/" + name));
        server.start();
        return new HttpDownstream(name, server);
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The WireMock server, for tests that switch faults on and count the requests that arrived. */
    public WireMockServer wireMock() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}
