package flagbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import flagbench.timing.Latency;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void profilesAreTheBooksServers() {
        assertThat(ServerConfig.Profile.LOCAL.config().port()).isEqualTo(8000);
        assertThat(ServerConfig.Profile.DELAY.config().latency()).isEqualTo(new Latency.Uniform(500, 5000));
        ServerConfig error = ServerConfig.Profile.ERROR.config();
        assertThat(error.port()).isEqualTo(8002);
        assertThat(error.errorRate()).isEqualTo(0.25);
        assertThat(error.errorStatus()).isEqualTo(418);
        assertThat(error.bindAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void badValuesAreRejectedWithAClearMessage() {
        var local = ServerConfig.local();
        assertThatThrownBy(() -> local.withPort(70000)).hasMessage("port must be in 0..65535, got 70000");
        assertThatThrownBy(() -> local.withPort(-1)).hasMessageContaining("port");
        assertThatThrownBy(() -> local.withErrors(1.5, 418)).hasMessage("error rate must be in 0..1, got 1.5");
        assertThatThrownBy(() -> local.withErrors(-0.1, 418)).hasMessageContaining("error rate");
        assertThatThrownBy(() -> local.withErrors(Double.NaN, 418)).hasMessageContaining("error rate");
        assertThatThrownBy(() -> local.withErrors(0.1, 200)).hasMessageContaining("error status");
        assertThatThrownBy(() -> local.withFaults(0.1, List.of())).hasMessageContaining("fault kind");
        assertThatThrownBy(() -> local.withFaults(2, List.of(FaultKind.RESET))).hasMessageContaining("fault rate");
    }
}
