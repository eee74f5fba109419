package flagbench.server;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import org.eclipse.jetty.server.Handler;

/** WireMock's own Jetty 11 server with a {@link RequestGate} in front of all its handlers. */
final class GatedJettyServerFactory implements HttpServerFactory {

    private final ControlToken token;

    GatedJettyServerFactory(ControlToken token) {
        this.token = token;
    }

    @Override
    public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
        return new Jetty11HttpServer(options, admin, stubs) {
            @Override
            protected Handler createHandler(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
                var gate = new RequestGate(token);
                gate.setHandler(super.createHandler(options, admin, stubs));
                return gate;
            }
        };
    }
}
