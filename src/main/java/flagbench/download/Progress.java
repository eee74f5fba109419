package flagbench.download;

/** Told of each finished download, from whichever thread finished it. */
@FunctionalInterface
public interface Progress {

    Progress NONE = outcome -> {};

    void done(Outcome outcome);
}
