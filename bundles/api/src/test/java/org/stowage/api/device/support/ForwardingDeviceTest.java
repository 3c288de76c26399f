package org.stowage.api.device.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.Device;
import org.stowage.api.device.PositionedDevice;

class ForwardingDeviceTest {

    /** A family's device, recorded: which of its methods were called. */
    interface FamilyDevice extends Device, BusyControl {
    }

    private final List<String> calls = new ArrayList<>();
    private final FamilyDevice recorded = (FamilyDevice) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {FamilyDevice.class}, (proxy, method, args) -> {
                calls.add(method.getName());
                return null;
            });
    private final ForwardingDevice<FamilyDevice> component = new ForwardingDevice<>() {
        @Override
        protected FamilyDevice delegate() {
            return recorded;
        }
    };

    @Test
    void forwardsEveryDeviceAndBusyControlCall() throws Exception {
        List<String> expected = new ArrayList<>();
        for (Class<?> type : List.of(Device.class, BusyControl.class)) {
            for (Method method : type.getMethods()) {
                Object[] args = new Object[method.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = method.getParameterTypes()[i] == int.class ? 0 : null;
                }
                method.invoke(component, args);
                expected.add(method.getName());
            }
        }
        assertEquals(expected, calls);
    }

    @Test
    void aDelegateWithoutDetailsHasNoneAndNoOptionalInterfaceIsClaimed() {
        assertEquals(List.of(), component.details());
        assertFalse(component instanceof PositionedDevice, "the engine tests PositionedDevice with instanceof");
    }
}
