/** The embedded binding store: one MVStore file in the container's state folder. Private to the bundle. */
package mobility.store;
