package mobility.itest;

import java.util.List;
import java.util.Optional;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingCache;
import mobility.api.binding.BindingKey;
import mobility.api.binding.BindingKind;
import mobility.api.net.Ipv6Address;

/** A binding cache holding the bindings it was made with, registered by a test to see what the shell shows. */
final class FixedBindingCache implements BindingCache {

    private final BindingKind kind;
    private final List<Binding> bindings;

    FixedBindingCache(BindingKind kind, Binding... bindings) {
        this.kind = kind;
        this.bindings = List.of(bindings);
    }

    @Override
    public Optional<Binding> lookup(BindingKey key) {
        return bindings.stream().filter(b -> b.key().equals(key)).findFirst();
    }

    @Override
    public Optional<Binding> lookup(Ipv6Address homeAddress) {
        return bindings.stream().filter(b -> b.homeAddress().equals(homeAddress)).findFirst();
    }

    @Override
    public BindingKind kind() {
        return kind;
    }

    @Override
    public int size() {
        return bindings.size();
    }

    @Override
    public List<Binding> snapshot() {
        return bindings;
    }
}
