package mobility.api.kernel;

import java.util.List;

/**
 * An XFRM policy: which traffic needs which transforms.
 *
 * @param selector  the traffic
 * @param direction in, out or forward
 * @param priority  lower wins; the platform's policies use
 *                  [{@link KernelMarks#FIRST_XFRM_PRIORITY}, {@link KernelMarks#LAST_XFRM_PRIORITY}]
 * @param block     drop the traffic instead of allowing it
 * @param templates the transforms, in order
 * @param index     the kernel's policy index when reported, 0 when requesting
 */
public record XfrmPolicy(XfrmSelector selector, XfrmDirection direction, long priority, boolean block,
        List<XfrmTemplate> templates, long index) {

    public XfrmPolicy {
        templates = List.copyOf(templates);
    }
}
