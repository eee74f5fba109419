package flagbench.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibraryVersionsTest {

    @Test
    void aLibrarysVersionIsTheOneOfTheJarItsClassesCameFrom() throws Exception {
        // in the tests the classes come from the Maven repository:
        // .../reactor-netty-http/1.3.7/reactor-netty-http-1.3.7.jar
        String jar = reactor.netty.http.client.HttpClient.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath();
        String fromPath = jar.replaceAll(".*/reactor-netty-http/([^/]+)/[^/]+\\.jar$", "$1");
        assertThat(fromPath).doesNotContain("/");
        assertThat(LibraryVersions.of("io.projectreactor.netty", "reactor-netty-http"))
                .contains(fromPath);
        assertThat(new ReactorClient().library())
                .contains("Reactor Netty HttpClient " + fromPath)
                .doesNotContain("SNAPSHOT");
        assertThat(LibraryVersions.of("com.example", "nothing")).isEmpty();
    }
}
