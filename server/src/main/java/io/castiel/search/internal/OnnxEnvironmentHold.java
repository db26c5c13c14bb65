package io.castiel.search.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * A reference of Castiel's own on ONNX Runtime's native environment, so that the environment
 * outlives Castiel's session whatever the order of the JVM's shutdown hooks.
 *
 * <p>ONNX Runtime's Java binding (checked for 1.20.0; 1.25 is the same) registers a shutdown hook
 * in {@code OrtEnvironment}'s constructor, {@code OrtEnvCloser}, that calls the C API's
 * {@code ReleaseEnv}; {@code OrtEnvironment.close()} does nothing, and no property skips the
 * hook. The JVM runs all shutdown hooks at once, so that release ran alongside Spring's closing
 * of the context while an embedding worker or a search was still in {@code OrtSession.run} (or in
 * {@code createSession}): the environment (its logging manager, default logger, allocators) was
 * freed under the call and the JVM crashed in native code. The native environment is a process
 * singleton counted by references ({@code CreateEnv} adds one, {@code ReleaseEnv} removes one and
 * frees it at zero), so one more reference taken here makes the hook's release harmless; Castiel
 * releases it in order (no inference left, session closed), and whichever release comes last frees
 * the environment.
 *
 * <p>The binding exposes no public way to add a reference: this calls its private natives
 * {@code createHandle} and {@code close} by reflection (the binding is on the class path, in
 * the unnamed module). If they change, {@link #take()} logs a warning and holds nothing: embedding
 * still works, with the old risk at exit ({@code OnnxEnvironmentHoldTests} fails on the upgrade).
 */
final class OnnxEnvironmentHold {

    private static final Logger log = LoggerFactory.getLogger(OnnxEnvironmentHold.class);

    private final Natives natives;
    private final long handle;
    private boolean released;

    private OnnxEnvironmentHold(Natives natives, long handle) {
        this.natives = natives;
        this.handle = handle;
    }

    /** The binding's private natives, found once. */
    private record Natives(long apiHandle, Method createHandle, Method close, Method nativeHandle) {

        static Natives find() throws ReflectiveOperationException {
            Field api = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("ortApiHandle");
            Method createHandle = OrtEnvironment.class.getDeclaredMethod("createHandle", long.class, int.class, String.class);
            Method close = OrtEnvironment.class.getDeclaredMethod("close", long.class, long.class);
            Method nativeHandle = OrtEnvironment.class.getDeclaredMethod("getNativeHandle");
            api.setAccessible(true);
            createHandle.setAccessible(true);
            close.setAccessible(true);
            nativeHandle.setAccessible(true);
            return new Natives(api.getLong(null), createHandle, close, nativeHandle);
        }
    }

    /**
     * Takes a reference, then returns the environment that it holds, to create the session in. Taken
     * before {@code getEnvironment()} so that ONNX Runtime's hook can never release the last
     * reference in between; the environment is then checked to be the one held (it would not be if
     * the hook had already released it: the JVM is stopping, and a session on it would crash).
     */
    static Held take() {
        OnnxEnvironmentHold hold;
        try {
            // OrtEnvironment's class initializer loads the native library and sets the API handle.
            Class.forName(OrtEnvironment.class.getName(), true, OrtEnvironment.class.getClassLoader());
            Natives natives = Natives.find();
            long handle = (long) natives.createHandle().invoke(null, natives.apiHandle(),
                    OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING.getValue(), "castiel");
            hold = new OnnxEnvironmentHold(natives, handle);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not take a reference on ONNX Runtime's environment (its Java binding changed?): a JVM that "
                    + "stops while an embedding runs may crash in native code", e);
            return new Held(OrtEnvironment.getEnvironment(), null);
        }
        OrtEnvironment environment;
        try {
            environment = OrtEnvironment.getEnvironment();
        } catch (RuntimeException e) {
            hold.release();
            throw e;
        }
        if (hold.handle != hold.nativeHandleOf(environment)) {
            hold.release();
            throw new IllegalStateException("ONNX Runtime's environment was already released: the JVM is stopping");
        }
        return new Held(environment, hold);
    }

    /** The environment, and the reference on it ({@code null}: none could be taken). */
    record Held(OrtEnvironment environment, OnnxEnvironmentHold hold) {

        void release() {
            if (hold != null) {
                hold.release();
            }
        }
    }

    private long nativeHandleOf(OrtEnvironment environment) {
        try {
            return (long) natives.nativeHandle().invoke(environment);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not read ONNX Runtime's environment handle", e);
        }
    }

    /** Gives the reference back, once; the caller has closed every session it created on it. */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            natives.close().invoke(null, natives.apiHandle(), handle);
        } catch (InvocationTargetException e) {
            log.warn("Could not release ONNX Runtime's environment", e.getCause());
        } catch (IllegalAccessException e) {
            log.warn("Could not release ONNX Runtime's environment", e);
        }
    }
}
