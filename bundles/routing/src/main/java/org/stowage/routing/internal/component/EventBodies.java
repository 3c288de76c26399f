package org.stowage.routing.internal.component;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.ReplicaSwitch;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.staging.DrainResult;
import org.stowage.routing.internal.status.DeviceStateChange;

/**
 * Lets the typed bodies of stowage: (a snapshot, a check report, a device change, …) go to any endpoint that wants
 * text or bytes, such as {@code file:}, {@code log:} or a mail body, as their one-line description, without a
 * {@code convertBodyTo} in every route. Routes that want the object keep getting the object.
 */
final class EventBodies {

    private static final List<Class<?>> TYPES = List.of(SnapshotInfo.class, CheckReport.class, ForgetResult.class,
            RestoreResult.class, DeviceStateChange.class, DrainResult.class, ReplicaSwitch.class);

    private EventBodies() {
    }

    static void register(TypeConverterRegistry registry) {
        for (Class<?> type : TYPES) {
            registry.addTypeConverter(String.class, type, new Text());
            registry.addTypeConverter(byte[].class, type, new Text());
            registry.addTypeConverter(InputStream.class, type, new Text());
        }
    }

    /** Thread-safe and stateless. */
    private static final class Text extends TypeConverterSupport {

        @Override
        public <T> T convertTo(Class<T> type, org.apache.camel.Exchange exchange, Object value) {
            String text = String.valueOf(value);
            if (type == String.class) {
                return type.cast(text);
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return type == byte[].class ? type.cast(bytes) : type.cast(new ByteArrayInputStream(bytes));
        }
    }
}
