#!/usr/bin/env python3
"""Regenerate the Camel part of features/src/main/feature/feature.xml.

Why: the camel-karaf features published for 4.14.5 reference org.apache.camel.karaf:camel-* bundles that do not
exist in the Maven repository we can reach (docs/stack.md, "Camel"). We copy the needed features from the upstream
apache-camel 4.14.5 features XML, keep every third-party bundle verbatim, keep camel-core-osgi (the real 4.14.5
bundle), and replace every other camel-karaf bundle by a wrap: of the plain org.apache.camel:camel-X:4.14.1 jar with
the bnd instructions camel-karaf itself uses. The result replaces the text between the GENERATED markers.

Usage (from the repository root):
  mvn -q dependency:copy -Dartifact=org.apache.camel.karaf:apache-camel:4.14.5:xml:features \
      -DoutputDirectory=features/target/upstream
  python3 features/src/main/tools/gen-camel-features.py \
      features/target/upstream/apache-camel-4.14.5-features.xml features/src/main/feature/feature.xml
"""
import re
import sys
import xml.etree.ElementTree as ET

ROOTS = ["camel-core", "camel-quartz", "camel-aws2-s3", "camel-yaml-dsl", "camel-xml-io-dsl"]  # DSLs: route files
CAMEL = "4.14.1"          # plain org.apache.camel jars: the newest 4.14.x with every jar we need
UPSTREAM = "4.14.5"       # camel-karaf release whose features we copy
KEEP_REAL = {"camel-core-osgi"}            # real camel-karaf bundle, exists in the repository
DROP = {"camel-directvm", "camel-vm", "camel-karaf-shell"}  # camel-karaf-only code, absent from Camel 4 / the repository
IMPORT = 'org.apache.camel.*;version=%22%5B4.14,4.15%29%22,*'
PREPEND = {  # from camel-karaf-4.14.5's own bundle poms
    "camel-util": "io.quarkus.arc;resolution:=optional,",
    "camel-core-model": "jdk.jfr;resolution:=optional,",
    "camel-xml-jaxb": "org.glassfish.jaxb.runtime.v2;resolution:=optional,org.apache.camel.model.app,"
                      "org.apache.camel.model.cloud,org.apache.camel.model.config,org.apache.camel.model.errorhandler,"
                      "org.apache.camel.model.loadbalancer,org.apache.camel.model.transformer,"
                      "org.apache.camel.model.validator,",
}
EXPORT = {"camel-cluster": "org.apache.camel.impl.cluster*"}
EXTRA = {"camel-xml-jaxp": "&SPI-Consumer=javax.xml.stream.XMLInputFactory%23newInstance%28%29"}
ALSO = {"camel-xml-jaxp": ["camel-xml-jaxp-util"],  # camel-karaf shades it into its camel-xml-jaxp bundle
        # camel-karaf's camel-yaml-dsl bundle shades these (its feature names no camel-dsl-support feature)
        "camel-yaml-dsl": ["camel-yaml-dsl-common", "camel-yaml-dsl-deserializers", "camel-dsl-support"]}

NS = "http://karaf.apache.org/xmlns/features/v1.6.0"
Q = "{%s}" % NS


def vtuple(v):
    return tuple(int(x) for x in re.findall(r"\d+", v)[:3])


def in_range(v, rng):
    if not rng:
        return True
    m = re.fullmatch(r"([\[(])\s*([^,]*),\s*([^\])]*)([\])])", rng)
    if not m:  # a bare version means "at least" in Karaf; upstream uses exact ones, treat as exact
        return vtuple(v) == vtuple(rng)
    lo, hi = vtuple(m.group(2)), vtuple(m.group(3))
    x = vtuple(v)
    return (x >= lo if m.group(1) == "[" else x > lo) and (x <= hi if m.group(4) == "]" else x < hi)


def wrap(name):
    exp = EXPORT.get(name, "org.apache.camel*")
    return (f"wrap:mvn:org.apache.camel/{name}/{CAMEL}$Bundle-SymbolicName={name}&Bundle-Version={CAMEL}"
            f"&Export-Package={exp};version={CAMEL}&Import-Package={PREPEND.get(name, '')}{IMPORT}{EXTRA.get(name, '')}")


def main(upstream, target):
    root = ET.parse(upstream).getroot()
    byname = {}
    for f in root.findall(Q + "feature"):
        byname.setdefault(f.get("name"), []).append(f)

    chosen, order = {}, []

    def visit(name, rng=None):
        cands = [f for f in byname.get(name, []) if in_range(f.get("version"), rng)]
        if not cands:
            return  # provided by Karaf's own repositories (wrap, spifly, shell, ...)
        f = max(cands, key=lambda c: vtuple(c.get("version")))
        key = (name, f.get("version"))
        if key in chosen:
            return
        chosen[key] = f
        for dep in f.findall(Q + "feature"):
            visit(dep.text.strip(), dep.get("version"))
        order.append(key)

    for r in ROOTS:
        visit(r)

    out = []
    for name, version in order:
        f = chosen[(name, version)]
        is_camel = name.startswith("camel-")
        attrs = {k: v for k, v in f.attrib.items()}
        if is_camel:
            attrs["version"] = CAMEL
        out.append("    <feature " + " ".join(f'{k}="{v}"' for k, v in attrs.items()) + ">")
        for child in f:
            tag = child.tag.replace(Q, "")
            if tag == "conditional":
                continue  # only camel-karaf-shell, which does not exist
            if tag == "config":
                a = " ".join(f'{k}="{v}"' for k, v in child.attrib.items())
                out.append(f"        <config {a}>{child.text}</config>")
                continue
            text = child.text.strip()
            a = "".join(f' {k}="{v}"' for k, v in child.attrib.items())
            m = re.fullmatch(r"mvn:org\.apache\.camel\.karaf/([^/]+)/" + re.escape(UPSTREAM), text)
            if tag == "bundle" and m:
                b = m.group(1)
                if b in DROP:
                    continue
                if b in KEEP_REAL:
                    out.append(f"        <bundle{a}>{text}</bundle>")
                    continue
                for n in [b] + ALSO.get(b, []):
                    out.append(f"        <bundle{a}>{esc(wrap(n))}</bundle>")
                continue
            if "org.apache.camel.karaf" in text:
                sys.exit(f"unhandled camel-karaf reference in feature {name}: {text}")
            out.append(f"        <{tag}{a}>{esc(text)}</{tag}>")
        out.append("    </feature>")

    block = "\n".join(out)
    src = open(target, encoding="utf-8").read()
    begin = "    <!-- BEGIN GENERATED camel features"
    end = "    <!-- END GENERATED camel features -->"
    i, j = src.index(begin), src.index(end)
    header = src[i:src.index("\n", i) + 1]
    open(target, "w", encoding="utf-8").write(src[:i] + header + block + "\n" + src[j:])
    print(f"{len(order)} features, {block.count('<bundle')} bundles written to {target}")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: gen-camel-features.py <apache-camel-4.14.5-features.xml> <feature.xml>")
    main(sys.argv[1], sys.argv[2])
