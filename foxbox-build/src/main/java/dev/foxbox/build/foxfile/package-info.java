/**
 * A parsed Foxfile: typed, immutable instructions behind the sealed {@link
 * dev.foxbox.build.foxfile.Instruction}, grouped into {@link dev.foxbox.build.foxfile.Stage}s of a
 * {@link dev.foxbox.build.foxfile.Foxfile}. This is the middle of a Foxfile's three
 * representations: {@code dev.foxbox.build.parse} makes it from the parse tree, which never leaves
 * that package; the builder dispatches on it. Words are kept as written;
 * {@code dev.foxbox.build.expand} gives their values at each step.
 */
package dev.foxbox.build.foxfile;
