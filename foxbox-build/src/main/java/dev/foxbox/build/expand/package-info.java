/**
 * Variable expansion as docker does it: {@link dev.foxbox.build.expand.Expander} for words,
 * {@link dev.foxbox.build.expand.Scope} for the ARG, ENV and build-arg values in effect at a step,
 * {@link dev.foxbox.build.expand.Expansion} for which words of which instructions expand, and
 * {@link dev.foxbox.build.expand.BuildArgs} for {@code --build-arg} and the predefined arguments.
 */
package dev.foxbox.build.expand;
