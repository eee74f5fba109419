package flagbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A run folder's JSON damaged on purpose, for the tests of what reading it refuses. */
public final class JsonEdit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonEdit() {}

    /**
     * Sets {@code value} (JSON text) at {@code pointer} under {@code node}, an array element or an object field. Under a
     * jmh.json result, a counter that the result lacks ({@code /secondaryMetrics/NAME/…}) is first given {@code ok}'s
     * values, so that any counter can be damaged in the fixture.
     */
    public static void set(JsonNode node, String pointer, String value) throws Exception {
        String[] parts = pointer.split("/");
        if (pointer.startsWith("/secondaryMetrics/")
                && !node.get("secondaryMetrics").has(parts[2])) {
            ((ObjectNode) node.get("secondaryMetrics"))
                    .set(parts[2], node.at("/secondaryMetrics/ok").deepCopy());
        }
        JsonNode parent = node.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String last = parts[parts.length - 1];
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), JSON.readTree(value));
        } else {
            ((ObjectNode) parent).set(last, JSON.readTree(value));
        }
    }
}
