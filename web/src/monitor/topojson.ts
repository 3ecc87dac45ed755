/**
 * A small TopoJSON → GeoJSON decoder (quantized arcs, Polygon and MultiPolygon only: what the CBS/PDOK
 * boundary files in web/public/geo hold). Rings are turned clockwise (exterior) / anticlockwise (holes) in
 * longitude/latitude, the winding d3-geo (under Observable Plot) expects on the sphere.
 */
export interface Topology {
  type: 'Topology';
  arcs: [number, number][][];
  transform: { scale: [number, number]; translate: [number, number] };
  objects: Record<
    string,
    {
      type: 'GeometryCollection';
      geometries: {
        type: 'Polygon' | 'MultiPolygon';
        id?: string;
        arcs: number[][] | number[][][];
        properties: { statcode: string; statnaam: string };
      }[];
    }
  >;
}
export type Ring = [number, number][];
export interface AreaFeature {
  type: 'Feature';
  id: string;
  properties: { code: string; name: string };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

export function features(topology: Topology, name: string): AreaFeature[] {
  const {
    scale: [kx, ky],
    translate: [dx, dy],
  } = topology.transform;
  const arcs: Ring[] = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([a, b]) => {
      x += a;
      y += b;
      return [x * kx + dx, y * ky + dy] as [number, number];
    });
  });
  const arcPoints = (i: number): Ring => (i >= 0 ? (arcs[i] as Ring) : [...(arcs[~i] as Ring)].reverse());
  const ring = (indices: number[], exterior: boolean): Ring => {
    const points: Ring = [];
    indices.forEach((index, k) => {
      const part = arcPoints(index);
      points.push(...(k > 0 ? part.slice(1) : part));
    });
    // Planar clockwise (negative signed area) for an exterior ring, anticlockwise for a hole.
    const clockwise = signedArea(points) < 0;
    return clockwise === exterior ? points : points.reverse();
  };
  const polygon = (rings: number[][]) => rings.map((r, i) => ring(r, i === 0));
  const collection = topology.objects[name];
  if (!collection) throw new Error(`no object ${name} in the topology`);
  return collection.geometries.map((g) => ({
    type: 'Feature',
    id: g.properties.statcode,
    properties: { code: g.properties.statcode, name: g.properties.statnaam },
    geometry: {
      type: 'MultiPolygon',
      coordinates:
        g.type === 'Polygon' ? [polygon(g.arcs as number[][])] : (g.arcs as number[][][]).map(polygon),
    },
  }));
}

/** Whether a point lies inside a feature (even-odd rule over every ring; planar, fine at this scale). */
export function contains(feature: AreaFeature, [x, y]: [number, number]): boolean {
  let inside = false;
  for (const polygon of feature.geometry.coordinates) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
