package flagbench.server;

import flagbench.timing.Draws;
import flagbench.timing.Network;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A network in user space between clients and a flag server, in the server's process so that its CPU is the harness's, not
 * the measured client's: a relay port in front of each of the server's ports, which passes every byte on as a {@link Flow}
 * says, at the {@link Network} set last. A connection keeps the network it was accepted under, and a link's connections
 * share its bandwidth (one access link). Bytes are relayed as they come, never parsed: TLS stays between client and server.
 *
 * <p>One event loop thread does all the I/O (epoll where Netty has it), so flows and wires need no locks. A byte's arrival is
 * timed by a thread of its own that parks until then and hands the write to the event loop. Each hand-over is late, by
 * 0.2-2 ms on a 2-core machine (the event loop's own timers were later still: a 100 ms ping-pong read 102.7 ms), so the timer
 * fires early by the mean lateness it has seen ({@link Lead}), never before a byte sent earlier on the same way. A direction holding more than {@link #PENDING_LIMIT} bytes not yet delivered stops reading its sender
 * until it has delivered half, so a client that writes without end cannot fill the server's memory.
 */
public final class NetworkLink implements AutoCloseable {

    static final int PENDING_LIMIT = 4 << 20;

    private final String bindAddress;
    private final long seed;
    private final AtomicLong connectionCount = new AtomicLong();
    private final EventLoopGroup loop;
    private final Lead lead = new Lead();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("flagbench-link-timer").factory());
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends Channel> channel;
    /** Upstream port to the relay's channel. */
    private final Map<Integer, Channel> relays = new HashMap<>();

    private volatile State state = new State(Network.LOOPBACK);

    /** A network and its two access lines, which the connections accepted under it share. */
    private record State(Network network, Flow.Wire up, Flow.Wire down) {
        State(Network network) {
            this(network, new Flow.Wire(network.bitsPerSecond()), new Flow.Wire(network.bitsPerSecond()));
        }
    }

    /** A link with no relay yet, whose relays listen on {@code bindAddress} and draw their jitter from {@code seed}. */
    public NetworkLink(String bindAddress, long seed) {
        this.bindAddress = bindAddress;
        this.seed = seed;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("flagbench-link", true), io);
        this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.channel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The network that connections accepted from now on cross. */
    public void network(Network network) {
        if (!network.equals(state.network())) {
            state = new State(network);
        }
    }

    public Network network() {
        return state.network();
    }

    /** The port of the relay in front of {@code upstreamPort} on the bind address, started on first use. */
    public synchronized int relay(int upstreamPort) {
        Channel relay = relays.get(upstreamPort);
        if (relay == null) {
            var upstream = new InetSocketAddress(bindAddress, upstreamPort);
            relay = new ServerBootstrap()
                    .group(loop)
                    .channel(serverChannel)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel client) {
                            client.pipeline().addLast(new Connection(upstream));
                        }
                    })
                    .bind(bindAddress, 0)
                    .syncUninterruptibly()
                    .channel();
            relays.put(upstreamPort, relay);
        }
        return ((InetSocketAddress) relay.localAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        relays.values().forEach(Channel::close);
        relays.clear();
        timer.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One client's connection and the relay's own to the server, with a direction each way. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private final InetSocketAddress upstream;
        private Direction toServer;
        private Direction toClient;

        Connection(InetSocketAddress upstream) {
            this.upstream = upstream;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            State s = state;
            long opened = System.nanoTime();
            var random = Draws.nth(seed, connectionCount.getAndIncrement());
            long syn =
                    opened + Math.round(s.network().rttMillis() * 1e6); // the SYN's round trip, which loopback skipped
            toServer = new Direction(new Flow(s.network(), s.up(), syn, random.split()));
            toServer.from = client;
            toClient = new Direction(new Flow(s.network(), s.down(), syn, random.split()));
            toClient.to = client;
            new Bootstrap()
                    .group(client.eventLoop())
                    .channel(channel)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext serverCtx, Object msg) {
                            toClient.relay((ByteBuf) msg);
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext serverCtx) {
                            toClient.closeAfterLast();
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext serverCtx, Throwable cause) {
                            serverCtx.close();
                        }
                    })
                    .connect(upstream)
                    .addListener((ChannelFutureListener) connected -> {
                        if (!connected.isSuccess()) {
                            client.close();
                            return;
                        }
                        toServer.to = connected.channel();
                        toClient.from = connected.channel();
                        if (client.isActive()) {
                            client.config().setAutoRead(true);
                        } else {
                            connected.channel().close();
                        }
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            toServer.relay((ByteBuf) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (toServer.to != null) {
                toServer.closeAfterLast();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * How early the timer fires, between 0 and 2 ms: it grows by an eighth of each timed write's lateness (when the write
     * to the receiver's socket is done, against when the bytes were due) and shrinks by an eighth of each one's earliness,
     * so that writes are on time on average, whatever the hand-over and the write cost on this machine. Read and written on
     * the event loop only.
     */
    private static final class Lead {
        private static final long MAX_NANOS = 2_000_000;
        private long nanos = 500_000;

        void observe(long lateNanos) {
            nanos = Math.clamp(nanos + lateNanos / 8, 0, MAX_NANOS);
        }
    }

    /** One way through the link: what {@code from} sends reaches {@code to} when the flow says. */
    private final class Direction {
        private final Flow flow;
        /** The sender and the receiver: the client's channel at once, the server's once the relay has connected to it. */
        private Channel from;

        private Channel to;
        /** Bytes read from the sender and not yet written to the receiver. */
        private long pending;
        /** What this way will write, in the order sent, each with when its timer fires: written from the head only. */
        private final ArrayDeque<Due> due = new ArrayDeque<>();

        Direction(Flow flow) {
            this.flow = flow;
        }

        void relay(ByteBuf bytes) {
            long now = System.nanoTime();
            for (Flow.Piece piece : flow.send(now, bytes.readableBytes())) {
                ByteBuf slice = bytes.readRetainedSlice(piece.bytes());
                pending += piece.bytes();
                at(
                        piece.arrivalNanos(),
                        () -> to.writeAndFlush(slice).addListener(written -> delivered(piece.bytes())));
            }
            bytes.release();
            if (pending > PENDING_LIMIT) {
                from.config().setAutoRead(false);
            }
        }

        private void delivered(int bytes) {
            pending -= bytes;
            if (pending < PENDING_LIMIT / 2 && from.isActive() && !from.config().isAutoRead()) {
                from.config().setAutoRead(true);
            }
        }

        /** Closes the receiver once everything sent before the sender closed has arrived: a close crosses the network too. */
        void closeAfterLast() {
            at(
                    flow.closeArrival(System.nanoTime()),
                    () -> to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
        }

        /**
         * Writes at {@code atNanos} ({@link System#nanoTime}), less the timer's lead, and after everything asked for before on
         * this way. Each write has its timer; whichever fires writes what is due from the head of the queue, so the timer's own
         * order (by a trigger time read a little after ours) cannot reorder bytes.
         */
        private void at(long atNanos, Runnable write) {
            long fire = atNanos - lead.nanos;
            long delay = fire - System.nanoTime();
            due.addLast(new Due(atNanos, fire, delay > 0, write));
            timer.schedule(() -> to.eventLoop().execute(this::writeDue), Math.max(0, delay), TimeUnit.NANOSECONDS);
        }

        private void writeDue() {
            long now = System.nanoTime();
            for (Due d = due.peekFirst(); d != null && d.fireNanos() <= now; d = due.peekFirst()) {
                due.removeFirst();
                d.write().run(); // on the event loop: written to the socket before it returns
                if (d.timed()) {
                    lead.observe(System.nanoTime() - d.dueNanos());
                }
            }
        }
    }

    /** A write, when it is due and when its timer fires; {@code timed} when it was not already due as it was asked for. */
    private record Due(long dueNanos, long fireNanos, boolean timed, Runnable write) {}
}
