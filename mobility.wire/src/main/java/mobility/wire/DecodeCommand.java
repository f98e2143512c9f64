package mobility.wire;

import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import mobility.api.wire.NetworkBytes;
import mobility.api.wire.ipv6.WireCodec;

/** {@code mip:decode <hex>}: what an IPv6 packet, bare Mobility Header or ICMPv6 message in hexadecimal is. */
@Component(service = DecodeCommand.class)
@GogoCommand(scope = "mip", function = {"decode"})
public class DecodeCommand {

    private final PacketDescriber describer;

    @Activate
    public DecodeCommand(@Reference WireCodec codec) {
        this.describer = new PacketDescriber(codec);
    }

    @Descriptor("decode an IPv6 packet (first digit 6), a bare Mobility Header (first octet 3b) or an ICMPv6 message"
            + " from hexadecimal, with every field, option and the validation error, using the container's codec"
            + " (extension options included)")
    public String decode(
            @Descriptor("print one JSON object instead of text")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json,
            @Descriptor("the octets in hexadecimal; spaces and colons between them are ignored") String... hex) {
        byte[] octets = NetworkBytes.fromHex(String.join("", hex));
        Map<String, Object> d = describer.octets(octets);
        return json ? Render.json(d) : Render.text(d);
    }
}
