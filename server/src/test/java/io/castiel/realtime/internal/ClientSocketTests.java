package io.castiel.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

/**
 * A socket's queue drains in order on the send executor; a backlog is handed to the container as
 * one batch and flushed when the drain ends. The container's session is a mock so the test sees
 * exactly which calls reach it; the send executor is a list of tasks the test runs itself.
 */
class ClientSocketTests {

    private final Session container = mock(Session.class);
    private final RemoteEndpoint.Basic remote = mock(RemoteEndpoint.Basic.class);
    private final List<Runnable> sends = new ArrayList<>();
    private final ScheduledExecutorService timer = mock(ScheduledExecutorService.class);
    private final ClientSocket socket;

    ClientSocketTests() {
        when(container.getBasicRemote()).thenReturn(remote);
        when(container.isOpen()).thenReturn(true);
        StandardWebSocketSession session = new StandardWebSocketSession(null, null, null, null);
        session.initializeNativeSession(container);
        socket = socket(session, 0);
    }

    private ClientSocket socket(StandardWebSocketSession session, long flushDelayNanos) {
        return new ClientSocket(session, sends::add, timer, flushDelayNanos, 100, 1_000_000, TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aBacklogIsSentInOrderAsOneBatchThenFlushed() throws Exception {
        socket.offer(new TextMessage("one"));
        socket.offer(new TextMessage("two"));
        socket.offer(new TextMessage("three"));

        assertThat(sends).as("one drain for the whole backlog").hasSize(1);
        sends.get(0).run();

        InOrder order = inOrder(remote);
        order.verify(remote).setBatchingAllowed(true);
        order.verify(remote).sendText("one", true);
        order.verify(remote).sendText("two", true);
        order.verify(remote).sendText("three", true);
        order.verify(remote).setBatchingAllowed(false);
    }

    @Test
    void aSingleMessageIsWrittenAtOnceWithoutBatching() throws Exception {
        socket.offer(new TextMessage("alone"));
        sends.get(0).run();

        verify(remote).sendText("alone", true);
        verify(remote, never()).setBatchingAllowed(anyBoolean());
    }

    @Test
    void aFailedWriteInABatchDropsTheRestAndClosesTheSocket() throws Exception {
        doThrow(new IOException("blocked too long")).when(remote).sendText("two", true);
        socket.offer(new TextMessage("one"));
        socket.offer(new TextMessage("two"));
        socket.offer(new TextMessage("three"));

        sends.get(0).run();
        sends.subList(1, sends.size()).forEach(Runnable::run); // the close

        verify(remote, never()).sendText("three", true);
        verify(container).close(any(CloseReason.class));
        assertThat(socket.isClosed()).isTrue();
        assertThat(socket.offer(new TextMessage("later"))).isFalse();
        verify(remote, never()).sendText(eq("later"), anyBoolean());
    }

    @Test
    void aSocketInABurstWaitsOutTheFlushDelayButAQuietOneSendsAtOnce() throws Exception {
        StandardWebSocketSession session = new StandardWebSocketSession(null, null, null, null);
        session.initializeNativeSession(container);
        ClientSocket lingering = socket(session, TimeUnit.MILLISECONDS.toNanos(200));

        lingering.offer(new TextMessage("first"));
        assertThat(sends).as("quiet so far: sent at once").hasSize(1);
        sends.get(0).run();
        lingering.offer(new TextMessage("second"));
        lingering.offer(new TextMessage("third"));

        assertThat(sends).as("in a burst: nothing more sent at once").hasSize(1);
        ArgumentCaptor<Runnable> delayed = ArgumentCaptor.forClass(Runnable.class);
        ArgumentCaptor<Long> delay = ArgumentCaptor.forClass(Long.class);
        verify(timer).schedule(delayed.capture(), delay.capture(), eq(TimeUnit.NANOSECONDS));
        assertThat(delay.getValue()).isPositive().isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        delayed.getValue().run();
        sends.get(1).run();
        InOrder order = inOrder(remote);
        order.verify(remote).sendText("first", true);
        order.verify(remote).setBatchingAllowed(true);
        order.verify(remote).sendText("second", true);
        order.verify(remote).sendText("third", true);
        order.verify(remote).setBatchingAllowed(false);
    }
}
