package org.apache.tomcat.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.Session;

/**
 * Castiel's one class in Tomcat's package: it sends a text frame whose UTF-8 bytes are already
 * encoded. An event goes to every subscribed socket of its tenant; through the public API
 * ({@code sendText(String)}) Tomcat encodes the same string again for each socket, one
 * {@code CharBuffer.get()} at a time, which under fan-out was a large share of the server's CPU
 * (measured in bench/README.md, "Encoded once, leased by ctid"). This reaches the endpoint's package-private
 * {@code sendMessageBlock(opcode, payload, last)}, the very method {@code sendText} ends in after
 * encoding, so framing, batching, the send timeout and closing on a failed write are Tomcat's own.
 * Only the endpoint's message state machine is skipped, which guards against interleaving a
 * message with a streamed one; the caller never streams and sends one message at a time.
 * Compiled against the Tomcat the server ships with, so an incompatible upgrade fails the build.
 */
public final class EncodedTextFrames {

    private EncodedTextFrames() {
    }

    /**
     * Sends {@code utf8} (valid UTF-8: the caller encoded a Java string) as one complete text
     * message; false, without sending anything, when the session is not Tomcat's.
     */
    public static boolean send(Session session, byte[] utf8) throws IOException {
        if (session instanceof WsSession && session.getBasicRemote() instanceof WsRemoteEndpointBase remote) {
            remote.base.sendMessageBlock(Constants.OPCODE_TEXT, ByteBuffer.wrap(utf8), true);
            return true;
        }
        return false;
    }
}
