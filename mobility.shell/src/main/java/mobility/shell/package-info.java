/** The shell: Gogo commands in scope {@code mip}, and the runner for {@code ./mobility -c}. Private to the bundle. */
package mobility.shell;
