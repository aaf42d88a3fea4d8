package io.switchboard.discovery;

import java.util.List;

/** The edges registered right now, as this process last heard from ZooKeeper; never blocks. */
public interface EdgeDirectory {

  List<EdgeInstance> edges();
}
