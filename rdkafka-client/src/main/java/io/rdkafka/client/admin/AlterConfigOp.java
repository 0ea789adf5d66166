package io.rdkafka.client.admin;

import java.util.Objects;

/** One change of {@link Admin#incrementalAlterConfigs}: set, delete (revert to default), append to or subtract from a list. */
public record AlterConfigOp(String name, String value, OpType type) {
    /** {@code rd_kafka_AlterConfigOpType_t}. */
    public enum OpType {
        SET(0), DELETE(1), APPEND(2), SUBTRACT(3);

        final int code;

        OpType(int code) {
            this.code = code;
        }
    }

    public AlterConfigOp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (type != OpType.DELETE) Objects.requireNonNull(value, "value");
    }

    public static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(name, value, OpType.SET);
    }

    /** Removes the resource's own value, so that the default applies again. */
    public static AlterConfigOp delete(String name) {
        return new AlterConfigOp(name, null, OpType.DELETE);
    }

    /** Adds {@code value} to a list-valued configuration. */
    public static AlterConfigOp append(String name, String value) {
        return new AlterConfigOp(name, value, OpType.APPEND);
    }

    /** Removes {@code value} from a list-valued configuration. */
    public static AlterConfigOp subtract(String name, String value) {
        return new AlterConfigOp(name, value, OpType.SUBTRACT);
    }
}
