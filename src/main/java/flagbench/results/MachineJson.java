package flagbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a run folder's machine.json must be when it is read: a JSON object whose fields, where present, have the types
 * that report.md and compare read them as. A run made by an older flagbench lacks the newer fields, which then read as
 * "?"; a field that is there with another type is a hand-edited or damaged file, and reading on would put a wrong core
 * count into a roofline or pool runs whose commits differ. One line names the file and the field.
 */
final class MachineJson {

    private record Field(String pointer, String expected, Predicate<JsonNode> valid) {
        static Field text(String pointer) {
            return new Field(pointer, "a string", JsonNode::isTextual);
        }
    }

    private static final List<Field> FIELDS = List.of(
            Field.text("/runId"),
            Field.text("/host"),
            Field.text("/suite"),
            Field.text("/cpuModel"),
            Field.text("/speedRuler"),
            Field.text("/forkJvms"),
            new Field(
                    ForkJvms.FIELD,
                    "one of "
                            + java.util.Arrays.stream(ForkJvms.values())
                                    .map(ForkJvms::value)
                                    .toList(),
                    n -> n.isTextual() && ForkJvms.ofValue(n.asText()).isPresent()),
            Field.text("/git/commit"),
            Field.text("/jdk/version"),
            Field.text("/os/name"),
            Field.text("/os/version"),
            new Field("/git/dirty", "true or false", JsonNode::isBoolean),
            new Field(
                    "/logicalCores",
                    "a whole number of at least 1",
                    n -> n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= 1),
            // -1: the JVM could not tell (MachineInfo)
            new Field(
                    "/memoryBytes",
                    "a whole number of bytes (or -1, unknown)",
                    n -> n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= -1));

    private MachineJson() {}

    /** {@code machine} itself, once it passes. @throws BadRunException naming the file and the first field that fails */
    static JsonNode check(Path file, JsonNode machine) {
        if (!machine.isObject()) {
            throw new BadRunException(file + ": not a JSON object: not a machine.json that flagbench wrote");
        }
        for (Field field : FIELDS) {
            JsonNode value = machine.at(field.pointer());
            if (!value.isMissingNode() && !value.isNull() && !field.valid().test(value)) { // null: unknown, as missing
                throw new BadRunException(
                        file + ": field " + field.pointer().substring(1).replace('/', '.') + " must be "
                                + field.expected() + ", got " + value);
            }
        }
        return machine;
    }
}
