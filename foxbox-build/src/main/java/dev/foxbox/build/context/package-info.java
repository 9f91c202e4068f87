/**
 * The build context: which files a build may copy ({@link dev.foxbox.build.context.BuildContext},
 * with {@code .foxignore}/{@code .dockerignore} rules in {@link dev.foxbox.build.context.IgnorePatterns}),
 * refusing every path that leads outside it, and which Foxfile a build reads
 * ({@link dev.foxbox.build.context.BuildFiles}).
 */
package dev.foxbox.build.context;
