/**
 * Reads a Foxfile (a Dockerfile) into {@code dev.foxbox.build.foxfile} instructions:
 * {@link dev.foxbox.build.parse.FoxfileReader} is the way in. ANTLR's parser (grammar module,
 * {@code Foxfile.g4}) finds lines, continuations, directives and heredocs; the classes here join
 * each instruction's lines and read its arguments with docker's per-instruction rules (BuildKit's
 * {@code frontend/dockerfile/parser} and {@code instructions/parse.go} are the model). Only this
 * package sees the parse tree.
 */
package dev.foxbox.build.parse;
