package flagbench.server;

import com.github.tomakehurst.wiremock.common.HttpsSettings;
import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.ServerConnector;

/**
 * WireMock's own Jetty 11 server with a {@link RequestGate} in front of all its handlers, a {@link ConnectionMeter} on
 * its connectors, and the HTTP/2 stream limit of its HTTPS connector set (WireMock leaves Jetty's 128).
 */
final class GatedJettyServerFactory implements HttpServerFactory {

    private final ControlToken token;
    private final ConnectionMeter connections;
    private final int maxStreams;

    GatedJettyServerFactory(ControlToken token, ConnectionMeter connections, int maxStreams) {
        this.token = token;
        this.connections = connections;
        this.maxStreams = maxStreams;
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

            @Override
            protected ServerConnector createHttpConnector(
                    String bindAddress, int port, JettySettings settings, NetworkTrafficListener listener) {
                ServerConnector connector = super.createHttpConnector(bindAddress, port, settings, listener);
                connector.addBean(connections);
                return connector;
            }

            @Override
            protected ServerConnector createHttpsConnector(
                    String bindAddress, HttpsSettings https, JettySettings settings, NetworkTrafficListener listener) {
                ServerConnector connector = super.createHttpsConnector(bindAddress, https, settings, listener);
                connector.addBean(
                        connections); // its connections, and its TLS handshakes (SslConnectionFactory reads the
                // connector's)
                var h2 = connector.getConnectionFactory(AbstractHTTP2ServerConnectionFactory.class);
                if (h2 != null) {
                    h2.setMaxConcurrentStreams(maxStreams);
                }
                return connector;
            }
        };
    }
}
