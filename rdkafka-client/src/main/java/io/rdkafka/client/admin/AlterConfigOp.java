package io.rdkafka.client.admin;

import java.util.Objects;

/**
 * One change of {@link Admin#incrementalAlterConfigs}: set, delete (revert to default), append to or
 * subtract from a list.
 *
 * @param name  the configuration's name
 * @param value the value; {@code null} for {@link OpType#DELETE}
 * @param type  what to do
 */
public record AlterConfigOp(String name, String value, OpType type) {
    /** {@code rd_kafka_AlterConfigOpType_t}. */
    public enum OpType {
        /** Sets the value. */
        SET(0),
        /** Removes the resource's own value: the default applies again. */
        DELETE(1),
        /** Adds the value to a list-valued configuration. */
        APPEND(2),
        /** Removes the value from a list-valued configuration. */
        SUBTRACT(3);

        final int code;

        OpType(int code) {
            this.code = code;
        }
    }

    /**
     * Checks the operation.
     *
     * @throws NullPointerException without a name or type, or without a value (except to delete)
     */
    public AlterConfigOp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (type != OpType.DELETE) Objects.requireNonNull(value, "value");
    }

    /**
     * {@return an operation that sets a configuration}
     *
     * @param name  the configuration's name
     * @param value the new value
     */
    public static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(name, value, OpType.SET);
    }

    /**
     * Removes the resource's own value, so that the default applies again.
     *
     * @param name the configuration's name
     * @return the operation
     */
    public static AlterConfigOp delete(String name) {
        return new AlterConfigOp(name, null, OpType.DELETE);
    }

    /**
     * Adds {@code value} to a list-valued configuration.
     *
     * @param name  the configuration's name
     * @param value the element to add
     * @return the operation
     */
    public static AlterConfigOp append(String name, String value) {
        return new AlterConfigOp(name, value, OpType.APPEND);
    }

    /**
     * Removes {@code value} from a list-valued configuration.
     *
     * @param name  the configuration's name
     * @param value the element to remove
     * @return the operation
     */
    public static AlterConfigOp subtract(String name, String value) {
        return new AlterConfigOp(name, value, OpType.SUBTRACT);
    }
}
