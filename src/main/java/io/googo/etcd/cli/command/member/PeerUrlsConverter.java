package io.googo.etcd.cli.command.member;

import io.googo.etcd.core.EtcdException;
import io.googo.etcd.core.cluster.PeerUrls;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One of {@code --peer-urls U,...}: checked as etcd checks it; a bad one is a usage error (exit 128). */
public final class PeerUrlsConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            return PeerUrls.parse(List.of(value)).get(0).toString();
        } catch (EtcdException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
