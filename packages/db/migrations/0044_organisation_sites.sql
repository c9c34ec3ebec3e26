-- Where an organisation's site is (decision 0030): a point on WGS84 and an address line, projected
-- from organisation.registered / organisation.updated like its other fields. Two numbers rather than
-- GeoJSON in jsonb so that the database itself refuses a half-given or out-of-range position, whatever
-- path wrote it; the API answers the RFC 7946 Point built from them.
ALTER TABLE organisations
  ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  ADD COLUMN latitude  double precision CHECK (latitude BETWEEN -90 AND 90),
  ADD COLUMN address   text,
  ADD CONSTRAINT organisations_location_whole CHECK ((longitude IS NULL) = (latitude IS NULL));
