/** Private-use ASNs (RFC 6996): 64512–65534 and 4200000000–4294967294. Azure's own 65515 is one. */
export function isPrivateAsn(asn: number): boolean {
  return (asn >= 64_512 && asn <= 65_534) || (asn >= 4_200_000_000 && asn <= 4_294_967_294);
}
