package dev.foxbox.build.foxfile;

/**
 * {@code ONBUILD INSTRUCTION}: an instruction stored in the image, run by builds that use it as
 * their base. Its words are not expanded now; they will be in the later build.
 *
 * @param trigger    the instruction, parsed, so that errors in it are found now
 * @param expression the trigger's text as the image stores it (docker's OnBuild entry)
 */
public record OnBuild(Instruction trigger, String expression, SourceLocation location) implements Instruction {
    @Override
    public String keyword() {
        return "ONBUILD";
    }
}
