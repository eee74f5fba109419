package flagbench.server;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Lets a benchmark in another JVM steer the server between trials:
 * {@code GET /__admin/flagbench/meter}, {@code POST /__admin/flagbench/meter/reset} and
 * {@code PUT /__admin/flagbench/latency} (body: a latency such as {@code 100ms}).
 */
final class MeterAdminApi implements AdminApiExtension {

    /** Where WireMock mounts admin routes; the paths below are relative to it. */
    private static final String ADMIN_ROOT = "/__admin";

    private final InFlightMeter meter;
    private final FlagResponder responder;

    MeterAdminApi(InFlightMeter meter, FlagResponder responder) {
        this.meter = meter;
        this.responder = responder;
    }

    @Override
    public String getName() {
        return "flagbench-meter";
    }

    private static String relative(String adminPath) {
        return adminPath.substring(ADMIN_ROOT.length());
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, relative(FlagServer.ADMIN_METER), (admin, event, params) -> ResponseDefinition.okForJson(meter.snapshot()));
        router.add(RequestMethod.POST, relative(FlagServer.ADMIN_METER_RESET), (admin, event, params) -> {
            meter.reset();
            return ResponseDefinition.okForJson(meter.snapshot());
        });
        router.add(RequestMethod.PUT, relative(FlagServer.ADMIN_LATENCY), (admin, event, params) -> {
            try {
                responder.latency(Latency.parse(event.getRequest().getBodyAsString()));
                return ResponseDefinition.ok();
            } catch (IllegalArgumentException e) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withBody(e.getMessage()).build();
            }
        });
    }
}
