package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolsTest {

    @Test
    void aProtocolIsOneClassAndOneLineAndTheTestsAddOne() {
        // src/test/resources/META-INF/services/flagbench.download.Protocol registers TlsAgain
        assertThat(Protocols.names()).containsSequence("http", "https", "h2").contains("tls-again");
        assertThat(Protocols.named("tls-again")).isInstanceOf(TlsAgain.class);
        assertThat(Protocols.named(" H2 ").version()).isEqualTo(Protocol.Version.HTTP_2);
    }

    @Test
    void aClientRefusesAProtocolItDoesNotSpeakNamingTheOnesThatDo() {
        assertThatThrownBy(() -> Clients.requireSpeaks(Clients.named("urlconnection"), Protocols.named("h2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "client urlconnection does not speak h2 (HTTP/2 over TLS 1.3, negotiated by ALPN): use client jdk,")
                .hasMessageEndingWith("or protocol http, https");
        assertThatThrownBy(() -> Clients.requireSpeaks(Clients.named("jdk"), Protocols.named("tls-again")))
                .hasMessageContaining("use client jdk-again");
        Clients.requireSpeaks(Clients.named("jdk-again"), Protocols.named("tls-again"));
    }

    @Test
    void theBlockingOnlyClientsSpeakNoHttp2AndEveryOtherSpeaksAllThree() {
        for (Client client : Clients.all()) {
            if (client.name().equals("jdk-again")) {
                continue;
            }
            assertThat(client.protocols()).as(client.name()).contains("http", "https");
            assertThat(client.protocols().contains("h2"))
                    .as(client.name())
                    .isEqualTo(!client.name().equals("urlconnection")
                            && !client.name().equals("apache"));
        }
    }

    @Test
    void anEndpointsSchemeMatchesItsProtocol() {
        assertThatThrownBy(() -> new Endpoint("http://127.0.0.1:1/flags", Protocols.named("https"), null))
                .hasMessage("protocol https needs an https:// address, got http://127.0.0.1:1/flags");
        assertThatThrownBy(() -> new Endpoint("https://127.0.0.1:1/flags", Protocols.named("h2"), null))
                .hasMessage("protocol h2 needs the server's certificate to trust");
        assertThat(Endpoint.plain("http://localhost:8000/flags/").baseUrl()).isEqualTo("http://127.0.0.1:8000/flags");
    }
}
